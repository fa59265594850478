import { appendFileSync } from "node:fs";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { assertDeployable, pullRequestMatrices, readStackCatalog } from "../lib/stacks/stackCatalog";

export const stacksCommand = defineCommand({
  name: "stacks",
  usage: "[--fork] [--deployable <stack>]",
  description: `
The stacks and the promotion chain as one JSON document, each list also appended to
$GITHUB_OUTPUT (when set) as a JSON array for a workflow's matrix: chain, deployed, preview and
plan (what a pull request, or a fork's with --fork, checks). --deployable fails unless the
pipeline may deploy the stack. Exit 0, or 1 when stacks/promotion.yaml is wrong.`,
  options: { fork: { type: "boolean" }, deployable: { type: "string" } },
  run: ({ values }) => {
    const catalog = readStackCatalog();
    if (values.deployable !== undefined) assertDeployable(catalog, values.deployable);
    const outputs = {
      chain: catalog.chain,
      deployed: catalog.deployed,
      ...pullRequestMatrices(catalog, values.fork ?? false),
    };
    process.stdout.write(`${JSON.stringify(outputs)}\n`);
    if (process.env.GITHUB_OUTPUT) {
      const lines = Object.entries(outputs).map(([key, stacks]) => `${key}=${JSON.stringify(stacks)}\n`);
      appendFileSync(process.env.GITHUB_OUTPUT, lines.join(""));
    }
    return 0;
  },
});

runWhenMain(module, stacksCommand);
