import { defineCommand, UsageError, runWhenMain } from "../lib/cli/command";
import { PREVIEW_ARGS_USAGE, readPreviewArgs } from "../lib/report/previewFiles";
import { printVerdict } from "../lib/report/verdict";

export const previewVerdictCommand = defineCommand({
  name: "preview-verdict",
  usage: PREVIEW_ARGS_USAGE,
  description: `
The pull request's required check. Exit 1, naming each stack and why, when any stack's preview
failed or broke a mandatory policy; 0 when none did; 2 on a usage error. Run it after the
comment is posted, so the comment always shows the details.`,
  positionals: true,
  run: ({ positionals }) => {
    const previews = readPreviewArgs(positionals);
    if (!previews) throw new UsageError("each argument is <stack>=<preview.json>, or one folder");
    return printVerdict(previews);
  },
});

runWhenMain(module, previewVerdictCommand);
