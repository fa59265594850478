import { defineCommand, UsageError, runWhenMain } from "../lib/cli/command";
import { runUrlFromEnvironment } from "../lib/github/environment";
import { PREVIEW_ARGS_USAGE, readPreviewArgs } from "../lib/report/previewFiles";
import { COMMENT_MARKER, renderReport } from "../lib/report/renderComment";

export const previewCommentCommand = defineCommand({
  name: "preview-comment",
  usage: `[--title <heading>] [--no-marker] ${PREVIEW_ARGS_USAGE}`,
  description: `
Prints the preview report for one pulumi preview --json document (or offline plan, or failure
output) per stack, each read with the engine's event log beside it. By default it is the PR
comment, under its marker; --title and --no-marker make the same report a job summary. The run
link comes from GitHub Actions' own variables, and the commit from PREVIEW_COMMIT or
GITHUB_SHA. Exit 0, 2 on a usage error.`,
  options: { title: { type: "string" }, "no-marker": { type: "boolean" } },
  positionals: true,
  run: ({ values, positionals }) => {
    const previews = readPreviewArgs(positionals);
    if (!previews) throw new UsageError("each argument is <stack>=<preview.json>, or one folder");
    const report = renderReport(previews, {
      marker: values["no-marker"] ? undefined : COMMENT_MARKER,
      title: values.title,
      runUrl: runUrlFromEnvironment(),
      commit: process.env.PREVIEW_COMMIT ?? process.env.GITHUB_SHA,
    });
    process.stdout.write(`${report}\n`);
    return 0;
  },
});

runWhenMain(module, previewCommentCommand);
