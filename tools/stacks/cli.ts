import { appendFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runMain } from "../lib/cli/cliMain";
import { assertDeployable, pullRequestMatrices, readStackCatalog } from "../lib/stacks/stackCatalog";

/**
 * `npm run stacks -- [--fork] [--deployable <stack>]`: the stacks and the promotion chain as one
 * JSON document, each list also appended to $GITHUB_OUTPUT (when set) as a JSON array for a
 * workflow's matrix: `chain`, `deployed`, `preview` and `plan` (what a pull request, or a
 * fork's with `--fork`, checks). `--deployable` fails unless the pipeline may deploy the stack.
 */
function main(): number {
  const { values } = parseArgs({ options: { fork: { type: "boolean" }, deployable: { type: "string" } } });
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
}

runMain(main);
