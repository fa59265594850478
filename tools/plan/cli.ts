import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, runWhenMain, UsageError } from "../lib/cli/command";
import { planOutput } from "../lib/plan/planOutput";
import { readProjectFile } from "../lib/plan/stackFile";
import { readStackCatalog } from "../lib/stacks/stackCatalog";

export const planCommand = defineCommand({
  name: "plan",
  usage: "(--stack <name>… | --all) [--json] [--config-file <path>] [--policy] [--out <dir>]",
  description: `
Runs the real program offline, under Pulumi's mock runtime, with a stack's config
(stacks/Pulumi.<stack>.yaml, or --config-file) and prints what it would register: type, name,
parent and inputs, secrets as [secret]. --json prints one JSON document. --policy also runs the
policy pack on the plan with the stack's policy config. Exit 0 with the plan on stdout; 1 with
every config problem on stderr (no stack trace), or on a mandatory violation; 2 on a usage error.
Several stacks (--stack more than once, or --all for every stack file) are planned in this one
process, each into <dir>/<stack>.json (--out, required then): the plan, or what refused it.
Exit 1 when any stack's plan failed.`,
  options: {
    stack: { type: "string", multiple: true },
    all: { type: "boolean" },
    json: { type: "boolean" },
    "config-file": { type: "string" },
    policy: { type: "boolean" },
    out: { type: "string" },
  },
  run: async ({ values }) => {
    const project = readProjectFile();
    const stacks = values.all ? readStackCatalog().stacks : (values.stack ?? []);
    if (values.all && values.stack) throw new UsageError("--stack and --all: give one of them");
    if (stacks.length === 0) throw new UsageError("--stack or --all is required");
    const options = { json: values.json, policy: values.policy, configFile: values["config-file"] };
    if (!values.out) {
      if (stacks.length > 1) throw new UsageError(`--out is required to plan ${stacks.length} stacks`);
      const { status, stdout, stderr } = await planOutput(project, stacks[0], options);
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      return status;
    }
    if (options.configFile && stacks.length > 1) throw new UsageError("--config-file is one stack's: give one --stack");
    mkdirSync(values.out, { recursive: true });
    let failed = 0;
    for (const stack of stacks) {
      const { status, stdout, stderr } = await planOutput(project, stack, options);
      // A refused plan prints no document: what refused it is the stack's document then.
      writeFileSync(join(values.out, `${stack}.json`), stdout || stderr);
      process.stderr.write(`${stack}: ${status === 0 ? "planned" : "failed"}\n${status === 0 ? "" : stderr}`);
      if (status !== 0) failed++;
    }
    process.stderr.write(`${stacks.length - failed} of ${stacks.length} stack(s) planned\n`);
    return failed > 0 ? 1 : 0;
  },
});

runWhenMain(module, planCommand);
