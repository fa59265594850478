import { defineCommand, runWhenMain } from "../lib/cli/command";
import { previewStack } from "../lib/pulumi/previewStack";

export const previewCommand = defineCommand({
  name: "preview",
  usage: "--stack <name> [--out <dir>] [--refresh] [--expect-no-changes] [--save-plan <file>]",
  description: `
pulumi preview of one stack as the pipeline runs it, with skyport's policy pack and the stack's
policy config, writing <out>/<stack>.json (the preview document, default out: previews),
<out>/<stack>.events.jsonl (the engine's events, where policy violations are) and
<out>/<stack>.log. Exit 0 once the documents are written, whatever the preview found (the PR
comment shows the result and the verdict fails the check); 1 when the Pulumi CLI could not be
run at all; 2 on a usage error.`,
  options: {
    stack: { type: "string" },
    out: { type: "string", default: "previews" },
    refresh: { type: "boolean" },
    "expect-no-changes": { type: "boolean" },
    "save-plan": { type: "string" },
  },
  required: ["stack"],
  run: async ({ values }) => {
    const stack = values.stack ?? "";
    const run = await previewStack({
      stack,
      outDir: values.out ?? "previews",
      refresh: values.refresh,
      expectNoChanges: values["expect-no-changes"],
      savePlan: values["save-plan"],
    });
    process.stderr.write(run.stderr);
    process.stdout.write(
      `preview of ${stack} exited ${run.exitCode}; wrote ${run.documentPath} and ${run.eventsPath}\n`,
    );
    return 0;
  },
});

runWhenMain(module, previewCommand);
