import { PREVIEW_ARGS_USAGE, readPreviewArgs } from "./previewFiles";
import { renderComment } from "./renderComment";

const USAGE = `usage: npm run preview-comment -- ${PREVIEW_ARGS_USAGE}`;

/**
 * `npm run preview-comment`: prints the pull request comment for one `pulumi preview --json`
 * document (or offline plan, or failure output) per stack, each read with the engine's event
 * log beside it when there is one. The run link comes from GitHub Actions' own variables, and
 * the commit from PREVIEW_COMMIT or GITHUB_SHA.
 */
function main(args: string[]): number {
  const previews = readPreviewArgs(args);
  if (!previews) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = process.env;
  const runUrl =
    GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
      ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
      : undefined;
  process.stdout.write(
    `${renderComment(previews, { runUrl, commit: process.env.PREVIEW_COMMIT ?? process.env.GITHUB_SHA })}\n`,
  );
  return 0;
}

process.exit(main(process.argv.slice(2)));
