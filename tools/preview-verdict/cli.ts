import { runMain, usageError } from "../lib/cli/cliMain";
import { PREVIEW_ARGS_USAGE, readPreviewArgs } from "../lib/report/previewFiles";
import { printVerdict } from "../lib/report/verdict";

const USAGE = `usage: npm run preview-verdict -- ${PREVIEW_ARGS_USAGE}`;

/**
 * `npm run preview-verdict`: the pull request's required check. Exits 1, naming each stack and
 * why, when any stack's preview failed or broke a mandatory policy; 0 when none did; 2 on a
 * usage error. Run it after the comment is posted, so the comment always shows the details.
 */
function main(args: string[]): number {
  const previews = readPreviewArgs(args);
  if (!previews) return usageError("each argument is <stack>=<preview.json>, or one folder", USAGE);
  return printVerdict(previews);
}

runMain(() => main(process.argv.slice(2)));
