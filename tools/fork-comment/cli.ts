import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runMain, usageError } from "../lib/cli/cliMain";
import { readPreviewFolder } from "../lib/report/previewFiles";
import { COMMENT_MARKER, renderReport } from "../lib/report/renderComment";
import { printVerdict } from "../lib/report/verdict";
import { readStackCatalog } from "../lib/stacks/stackCatalog";
import { githubFromEnvironment } from "../lib/github/environment";
import { FORK_PULL_REQUEST_FILE, parseForkClaim, verifyForkPullRequest } from "../lib/github/forkPullRequest";
import { upsertComment } from "../lib/github/upsertComment";

const USAGE = "usage: npm run fork-comment -- --dir <artifact folder> --head-sha <sha> [--run-url <url>]";

/**
 * `npm run fork-comment`: for a fork's pull request, run from a workflow_run workflow that has
 * write permission and runs only the default branch's code. The artifact is untrusted: the pull
 * request it names is checked against GitHub, only this repository's stacks are read from it,
 * every document is parsed as data and rendered inert. Posts (or edits) the one comment, then
 * gives the verdict: exit 1 when any stack failed.
 */
async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { dir: { type: "string" }, "head-sha": { type: "string" }, "run-url": { type: "string" } },
    }));
  } catch (err) {
    return usageError(err, USAGE);
  }
  const dir = values.dir;
  const headSha = values["head-sha"];
  if (!dir || !headSha) return usageError("--dir and --head-sha are required", USAGE);
  const { github, repository } = githubFromEnvironment();
  const claim = parseForkClaim(readFileSync(join(dir, FORK_PULL_REQUEST_FILE), "utf8"));
  const pullRequest = await verifyForkPullRequest(github, repository, claim, headSha);
  const previews = readPreviewFolder(dir, readStackCatalog().stacks);
  const report = renderReport(previews, { marker: COMMENT_MARKER, runUrl: values["run-url"], commit: headSha });
  const posted = await upsertComment(github, repository, pullRequest, report, COMMENT_MARKER);
  process.stdout.write(`${posted.action} comment ${posted.id} on #${pullRequest}\n`);
  return printVerdict(previews);
}

runMain(() => main(process.argv.slice(2)));
