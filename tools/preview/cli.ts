import { parseArgs } from "node:util";
import { runMain, usageError } from "../lib/cli/cliMain";
import { previewStack } from "../lib/pulumi/previewStack";

const USAGE =
  "usage: npm run preview -- --stack <name> [--out <dir>] [--refresh] [--expect-no-changes] [--save-plan <file>]";

/**
 * `npm run preview`: `pulumi preview` of one stack as the pipeline runs it, with skyport's
 * policy pack and the stack's policy config, writing `<out>/<stack>.json` (the preview
 * document), `<out>/<stack>.events.jsonl` (the engine's events, where policy violations are)
 * and `<out>/<stack>.log`. It exits 0 once the documents are written, whatever the preview
 * found: the PR comment shows the result and the verdict fails the check. It exits 1 when the
 * CLI could not be run at all, and 2 on a usage error.
 */
async function main(argv: string[]): Promise<number> {
  let values: { stack?: string; out?: string; refresh?: boolean; "expect-no-changes"?: boolean; "save-plan"?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        out: { type: "string", default: "previews" },
        refresh: { type: "boolean" },
        "expect-no-changes": { type: "boolean" },
        "save-plan": { type: "string" },
      },
    }));
  } catch (err) {
    return usageError(err, USAGE);
  }
  if (!values.stack) {
    return usageError("--stack is required", USAGE);
  }
  const run = await previewStack({
    stack: values.stack,
    outDir: values.out ?? "previews",
    refresh: values.refresh,
    expectNoChanges: values["expect-no-changes"],
    savePlan: values["save-plan"],
  });
  process.stderr.write(run.stderr);
  process.stdout.write(
    `preview of ${values.stack} exited ${run.exitCode}; wrote ${run.documentPath} and ${run.eventsPath}\n`,
  );
  return 0;
}

runMain(() => main(process.argv.slice(2)));
