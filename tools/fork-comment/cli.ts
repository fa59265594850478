import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { readPreviewFolder } from "../lib/report/previewFiles";
import { COMMENT_MARKER, renderReport } from "../lib/report/renderComment";
import { blockedStacks, printVerdict } from "../lib/report/verdict";
import { setPreviewStatus } from "../lib/github/commitStatus";
import { readStackCatalog } from "../lib/stacks/stackCatalog";
import { githubFromEnvironment } from "../lib/github/environment";
import { FORK_PULL_REQUEST_FILE, parseForkClaim, verifyForkPullRequest } from "../lib/github/forkPullRequest";
import { upsertComment } from "../lib/github/upsertComment";

export const forkCommentCommand = defineCommand({
  name: "fork-comment",
  usage: "--dir <artifact folder> --head-sha <sha> [--run-url <url>]",
  description: `
For a fork's pull request, run from a workflow_run workflow that has write permission and runs
only the default branch's code. The artifact is untrusted: the pull request it names is checked
against GitHub, only this repository's stacks are read from it, and every document is parsed as
data and rendered inert. Posts (or edits) the one comment, unless a newer commit is the head by
now; sets the commit status 'skyport / preview' on the pull request's head commit, the one
branch protection requires; then gives the verdict: exit 1 when any stack failed, 0 when none
did, 2 on a usage error.`,
  options: { dir: { type: "string" }, "head-sha": { type: "string" }, "run-url": { type: "string" } },
  required: ["dir", "head-sha"],
  run: async ({ values }) => {
    const dir = values.dir ?? "";
    const headSha = values["head-sha"] ?? "";
    const { github, repository } = githubFromEnvironment();
    const claim = parseForkClaim(readFileSync(join(dir, FORK_PULL_REQUEST_FILE), "utf8"));
    const pullRequest = await verifyForkPullRequest(github, repository, claim, headSha);
    const previews = readPreviewFolder(dir, readStackCatalog(), true);
    const report = renderReport(previews, { marker: COMMENT_MARKER, runUrl: values["run-url"], commit: headSha });
    const posted = await upsertComment(github, repository, pullRequest, report, COMMENT_MARKER, { headSha });
    process.stdout.write(
      posted.action === "superseded"
        ? `the comment was left alone: ${headSha} is superseded by ${posted.head}\n`
        : `${posted.action} comment ${posted.id} on #${pullRequest}\n`,
    );
    await setPreviewStatus(github, repository, headSha, {
      stacks: previews.length,
      blocked: blockedStacks(previews),
      targetUrl: values["run-url"],
    });
    return printVerdict(previews);
  },
});

runWhenMain(module, forkCommentCommand);
