import { defineCommand, runWhenMain, UsageError } from "../lib/cli/command";
import { setPreviewStatus } from "../lib/github/commitStatus";
import { githubFromEnvironment, runUrlFromEnvironment } from "../lib/github/environment";
import { PREVIEW_ARGS_USAGE, readPreviewArgs } from "../lib/report/previewFiles";
import { blockedStacks, printVerdict } from "../lib/report/verdict";

export const previewVerdictCommand = defineCommand({
  name: "preview-verdict",
  usage: `[--status-sha <sha>] ${PREVIEW_ARGS_USAGE}`,
  description: `
The pull request's verdict. Exit 1, naming each stack and why, when any stack's preview failed or
broke a mandatory policy; 0 when none did; 2 on a usage error. With --status-sha (and
GITHUB_TOKEN), it also sets the commit status 'skyport / preview' on that commit, the check
branch protection requires. Run it after the comment is posted, so the comment always shows the
details.`,
  options: { "status-sha": { type: "string" } },
  positionals: true,
  run: async ({ values, positionals }) => {
    const previews = readPreviewArgs(positionals);
    if (!previews) throw new UsageError("each argument is <stack>=<preview.json>, or one folder");
    const sha = values["status-sha"];
    if (sha) {
      const { github, repository } = githubFromEnvironment();
      const blocked = blockedStacks(previews);
      await setPreviewStatus(github, repository, sha, {
        stacks: previews.length,
        blocked,
        targetUrl: runUrlFromEnvironment(),
      });
    }
    return printVerdict(previews);
  },
});

runWhenMain(module, previewVerdictCommand);
