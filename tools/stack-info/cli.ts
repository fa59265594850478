import { appendFileSync } from "node:fs";
import { defineCommand, UsageError, runWhenMain } from "../lib/cli/command";
import { readProjectFile, readStackFile, stackFilePath } from "../lib/plan/stackFile";
import { backendInfo } from "../lib/stackInfo/backendInfo";
import { githubOutputs, stackInfo } from "../lib/stackInfo/stackInfo";
import { assertDeployable, readStackCatalog } from "../lib/stacks/stackCatalog";

export const stackInfoCommand = defineCommand({
  name: "stack-info",
  usage: "<stack>",
  description: `
Refuses a stack that is never deployed (it has no state to log in to), then prints, as JSON,
the stack's platform and the credentials it needs, and the credentials the state backend needs
(from STATE_BACKEND_URL, a workflow's copy of the PULUMI_BACKEND_URL secret; empty for Pulumi
Cloud), chosen apart. In GitHub Actions it appends them to $GITHUB_OUTPUT, and sets
PULUMI_BACKEND_URL to the URL to log in to in $GITHUB_ENV, so every later step uses the
state's own credentials. Exit 0, 1 for a stack it cannot give, 2 on a usage error.`,
  positionals: true,
  run: ({ positionals }) => {
    const [stack, ...rest] = positionals;
    if (!stack || rest.length > 0) throw new UsageError("one stack name is required");
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
  },
});

runWhenMain(module, stackInfoCommand);
