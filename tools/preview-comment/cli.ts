import { parseArgs } from "node:util";
import { runMain, usageError } from "../lib/cli/cliMain";
import { runUrlFromEnvironment } from "../lib/github/environment";
import { PREVIEW_ARGS_USAGE, readPreviewArgs } from "../lib/report/previewFiles";
import { COMMENT_MARKER, renderReport } from "../lib/report/renderComment";

const USAGE = `usage: npm run preview-comment -- [--title <heading>] [--no-marker] ${PREVIEW_ARGS_USAGE}`;

/**
 * `npm run preview-comment`: prints the preview report for one `pulumi preview --json`
 * document (or offline plan, or failure output) per stack, each read with the engine's event
 * log beside it. By default it is the PR comment, under its marker; `--title` and
 * `--no-marker` make the same report a job summary. The run link
 * comes from GitHub Actions' own variables, and the commit from PREVIEW_COMMIT or GITHUB_SHA.
 */
function main(argv: string[]): number {
  let parsed: { values: { title?: string; "no-marker"?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { title: { type: "string" }, "no-marker": { type: "boolean" } },
    });
  } catch (err) {
    return usageError(err, USAGE);
  }
  const previews = readPreviewArgs(parsed.positionals);
  if (!previews) return usageError("each argument is <stack>=<preview.json>, or one folder", USAGE);
  const report = renderReport(previews, {
    marker: parsed.values["no-marker"] ? undefined : COMMENT_MARKER,
    title: parsed.values.title,
    runUrl: runUrlFromEnvironment(),
    commit: process.env.PREVIEW_COMMIT ?? process.env.GITHUB_SHA,
  });
  process.stdout.write(`${report}\n`);
  return 0;
}

runMain(() => main(process.argv.slice(2)));
