import { appendFileSync } from "node:fs";
import { runMain, usageError } from "../lib/cli/cliMain";
import { readProjectFile, readStackFile, stackFilePath } from "../lib/plan/stackFile";
import { assertDeployable, readStackCatalog } from "../lib/stacks/stackCatalog";
import { backendInfo } from "../lib/stackInfo/backendInfo";
import { githubOutputs, stackInfo } from "../lib/stackInfo/stackInfo";

/**
 * `npm run stack-info -- <stack>`: refuses a stack that is never deployed (it has no state to
 * log in to), then prints, as JSON, a stack's platform and the credentials it
 * needs, and the credentials the state backend needs (from STATE_BACKEND_URL, a workflow's copy
 * of the PULUMI_BACKEND_URL secret; empty for Pulumi Cloud), chosen apart. In GitHub Actions it
 * appends them to $GITHUB_OUTPUT, and sets PULUMI_BACKEND_URL to the URL to log in to in
 * $GITHUB_ENV, so every later step uses the state's own credentials.
 */
function main(args: string[]): number {
  const [stack] = args;
  if (!stack) return usageError("a stack name is required", "usage: npm run stack-info -- <stack>");
  assertDeployable(readStackCatalog(), stack);
  const info = stackInfo(stack, readStackFile(stackFilePath(readProjectFile(), stack)).config);
  const backend = backendInfo(process.env.STATE_BACKEND_URL);
  process.stdout.write(`${JSON.stringify({ ...info, backendCredentials: backend.credentials })}\n`);
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(process.env.GITHUB_OUTPUT, `${githubOutputs(info)}backend-credentials=${backend.credentials}\n`);
  }
  if (process.env.GITHUB_ENV && backend.loginUrl !== "") {
    appendFileSync(process.env.GITHUB_ENV, `PULUMI_BACKEND_URL=${backend.loginUrl}\n`);
  }
  return 0;
}

runMain(() => main(process.argv.slice(2)));
