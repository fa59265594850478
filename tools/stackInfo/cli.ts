import { appendFileSync } from "node:fs";
import { runMain, usageError } from "../cliMain";
import { readProjectFile, readStackFile, stackFilePath } from "../plan/stackFile";
import { githubOutputs, stackInfo } from "./stackInfo";

/**
 * `npm run stack-info -- <stack>`: prints a stack's platform and the credentials it needs, as
 * JSON, and appends them to $GITHUB_OUTPUT when set, so a workflow can branch on them.
 */
function main(args: string[]): number {
  const [stack] = args;
  if (!stack) return usageError("a stack name is required", "usage: npm run stack-info -- <stack>");
  const info = stackInfo(stack, readStackFile(stackFilePath(readProjectFile(), stack)).config);
  process.stdout.write(`${JSON.stringify(info)}\n`);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, githubOutputs(info));
  return 0;
}

runMain(() => main(process.argv.slice(2)));
