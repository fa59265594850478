import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "../tools/lib/plan/stackFile";
import type { EngineProject } from "../tests/support/engine/engineProject";
import { type PulumiRun, runPulumi } from "../tools/lib/pulumi/pulumiCli";

/** A minimal program's preview, with or without the minimal policy pack. */
export type MinimalPreview = (withPack: boolean) => Promise<PulumiRun>;

const PROJECT_YAML = (name: string, plugins = "") =>
  `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    nodeargs: "--import tsx --disable-warning=ExperimentalWarning"\nmain: index.ts\n${plugins}`;

const EMPTY_PROGRAM = 'import * as pulumi from "@pulumi/pulumi";\n\nexport const stack: string = pulumi.getStack();\n';

/** One dynamic resource whose provider does nothing: the smallest program of the shape staging had with a dynamic provider. */
const ONE_DYNAMIC_RESOURCE = `import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: "one", outs: inputs };
  },
};

new pulumi.dynamic.Resource(provider, "one", { value: 1 }, {}, "minimal", "Thing");
export const stack: string = pulumi.getStack();
`;

/** One resource of a provider plugin that does nothing: the smallest program of the staging stack's shape. */
const ONE_PLUGIN_RESOURCE = `import * as pulumi from "@pulumi/pulumi";

new pulumi.CustomResource("minimal:index:Thing", "one", { value: 1 });
export const stack: string = pulumi.getStack();
`;

/** A provider plugin in JavaScript, served as skyport-render's is, whose one resource does nothing. */
const NOTHING_PLUGIN = `const { main } = require("@pulumi/pulumi/provider");

main(
  {
    version: "0.1.0",
    create: async (_urn, inputs) => ({ id: "one", outs: inputs }),
    diff: async () => ({ changes: false }),
  },
  process.argv.slice(2),
);
`;

const ONE_RULE_PACK = `const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("minimal", {
  enforcementLevel: "advisory",
  policies: [{ name: "nothing", description: "Checks nothing.", validateResource: () => undefined }],
});
`;

function writePackage(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
}

/** The minimal programs' previews. */
export interface MinimalPrograms {
  /** Registers nothing but its stack: the floor the preview goal is measured against. */
  empty: MinimalPreview;
  /** Also registers one resource of a provider plugin, as the staging stack registers its Render service. */
  onePluginResource: MinimalPreview;
  /** Registers one dynamic resource instead, as the staging stack did before the skyport-render plugin. */
  oneDynamicResource: MinimalPreview;
}

/**
 * Minimal TypeScript programs beside the engine project, each with its own stack on the same
 * backend, run as the issue that set the preview goal ran its floor (nodeargs `--import tsx`),
 * and a one-rule JavaScript policy pack and a do-nothing provider plugin beside them: what Pulumi
 * itself costs, on this machine, for a program of the staging stack's shape, of the shape it had
 * with a dynamic provider, and for an empty one.
 */
export async function minimalPrograms(engine: EngineProject): Promise<MinimalPrograms> {
  const root = join(engine.dir, "..", "minimal");
  const pack = join(root, "pack");
  writePackage(pack, {
    "PulumiPolicy.yaml": "runtime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n",
    "index.js": ONE_RULE_PACK,
    "package.json": '{ "name": "minimal-pack", "version": "0.1.0", "private": true, "main": "index.js" }\n',
  });
  const plugin = join(root, "plugin");
  writePackage(plugin, {
    "main.js": NOTHING_PLUGIN,
    "pulumi-resource-minimal": '#!/bin/sh\nexec node "$(dirname "$0")/main.js" "$@"\n',
    "package.json": '{ "name": "pulumi-resource-minimal", "version": "0.1.0", "private": true }\n',
  });
  chmodSync(join(plugin, "pulumi-resource-minimal"), 0o755);
  const program = async (name: string, code: string, plugins = ""): Promise<MinimalPreview> => {
    const dir = join(root, name);
    writePackage(dir, {
      "Pulumi.yaml": PROJECT_YAML(name, plugins),
      "index.ts": code,
      "package.json": `{ "name": "${name}", "private": true, "main": "index.ts" }\n`,
    });
    const run = (args: string[]) => runPulumi(args, { cwd: dir, env: engine.env });
    const init = await run(["stack", "init", name]);
    if (init.exitCode !== 0) throw new Error(`the ${name} program's stack: ${init.stderr}`);
    return (withPack) => run(["preview", "--stack", name, "--json", ...(withPack ? ["--policy-pack", pack] : [])]);
  };
  return {
    empty: await program("empty", EMPTY_PROGRAM),
    onePluginResource: await program(
      "one-plugin-resource",
      ONE_PLUGIN_RESOURCE,
      `plugins:\n  providers:\n    - name: minimal\n      path: ${plugin}\n`,
    ),
    oneDynamicResource: await program("one-dynamic-resource", ONE_DYNAMIC_RESOURCE),
  };
}
