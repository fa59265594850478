import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EngineProject } from "../tests/support/engine/engineProject";
import { PROJECT_DIR } from "../tools/lib/plan/stackFile";
import { pulumiOnPath } from "../tests/support/engine/pulumiOnPath";
import { FakeRenderApi } from "../tests/support/fakeRender/fakeRenderApi";
import {
  initKubernetesStack,
  kubernetesEngine,
  kubernetesEngineMissing,
  startKubernetesTestbed,
} from "../tests/support/engine/kubernetesStacks";
import { runPulumi } from "../tools/lib/pulumi/pulumiCli";
import { median } from "./machine";

/** One engine measurement: what was run, its median wall time, and how many runs. */
export interface EngineFigure {
  what: string;
  ms: number;
  runs: number;
  /** The goal, when the figure has one. Default none. */
  goal?: string;
}

/** The staging measurements, and the preview's multiple of the empty program's, round by round. */
export interface EngineFigures {
  figures: EngineFigure[];
  /** Median over the rounds of (staging's preview with the policy pack) / (the empty program's). */
  floorRatio: number;
}

/**
 * An empty TypeScript program beside the engine project, with its own stack on the same
 * backend, run as the issue that set the goal ran it (nodeargs `--import tsx`): what any
 * Node.js program's preview costs on this machine. Resolves with a function that previews it.
 */
async function emptyProgram(engine: EngineProject): Promise<() => Promise<{ exitCode: number; stderr: string }>> {
  const dir = join(engine.dir, "..", "empty-program");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "Pulumi.yaml"),
    'name: empty\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    nodeargs: "--import tsx --disable-warning=ExperimentalWarning"\nmain: index.ts\n',
  );
  writeFileSync(
    join(dir, "index.ts"),
    'import * as pulumi from "@pulumi/pulumi";\n\nexport const stack: string = pulumi.getStack();\n',
  );
  writeFileSync(join(dir, "package.json"), '{ "name": "empty", "private": true, "main": "index.ts" }\n');
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
  const run = (args: string[]) => runPulumi(args, { cwd: dir, env: engine.env });
  const init = await run(["stack", "init", "empty"]);
  if (init.exitCode !== 0) throw new Error(`the empty program's stack: ${init.stderr}`);
  return () => run(["preview", "--stack", "empty", "--json"]);
}

async function timed(run: () => Promise<{ exitCode: number; stderr: string }>): Promise<number> {
  const start = performance.now();
  const result = await run();
  if (result.exitCode !== 0) throw new Error(`engine bench step failed:\n${result.stderr}`);
  return performance.now() - start;
}

async function medianOf(runs: number, run: () => Promise<{ exitCode: number; stderr: string }>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(run));
  return median(times);
}

/**
 * The real Pulumi CLI on the staging (Render) stack against the fake Render API, as the
 * engine tier runs it: previews of a new and of a deployed stack, with and without the policy
 * pack and with plugin acquisition on (the engine then tries to download the aws, gcp and
 * kubernetes plugins the project depends on), and `pulumi up` creating and updating the service
 * with a 0.1 s deploy poll. Undefined when no CLI is on PATH.
 */
export async function measureEngine(runs = 3): Promise<EngineFigures | undefined> {
  if (!pulumiOnPath().found) return undefined;
  const fake = await new FakeRenderApi().start();
  const engine = new EngineProject();
  try {
    await engine.initRenderStaging(fake);
    const preview =
      (env: NodeJS.ProcessEnv = {}, policy = true) =>
      () =>
        policy
          ? engine.preview({ stack: "staging", env })
          : engine.pulumi(["preview", "--stack", "staging", "--json"], env);
    const figures: EngineFigure[] = [];
    const add = async (what: string, n: number, run: () => Promise<{ exitCode: number; stderr: string }>) =>
      figures.push({ what, ms: await medianOf(n, run), runs: n });

    const floor = await emptyProgram(engine);
    const ours: number[] = [];
    const floors: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < 5; round++) {
      floors.push(await timed(floor));
      ours.push(await timed(preview()));
      ratios.push(ours[round] / floors[round]);
    }
    figures.push(
      {
        what: "`pulumi preview`, new stack, policy pack (as the tier and the pipeline run it)",
        ms: median(ours),
        runs: 5,
        goal: "≤ 6 s",
      },
      {
        what: "an empty TypeScript program's `pulumi preview` (`--import tsx`), the floor",
        ms: median(floors),
        runs: 5,
      },
    );
    await add("the same, without the policy pack", runs, preview({}, false));
    await add(
      "the same with the policy pack and plugin acquisition on (aws, gcp, kubernetes downloads tried)",
      runs,
      preview({ PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false" }),
    );
    await add("`pulumi up`, creating the service (deploy polled every 0.1 s)", 1, () => engine.up("staging"));
    await add("`pulumi preview`, deployed stack, no changes, policy pack", runs, preview());
    await add("`pulumi preview --refresh`, deployed stack, policy pack", runs, () =>
      engine.preview({ stack: "staging", refresh: true }),
    );
    await engine.setConfig("staging", "skyport:image", `ghcr.io/acme/skyport-app@sha256:${"c0de".repeat(16)}`);
    await add("`pulumi up`, a new image digest", 1, () => engine.up("staging"));
    return { figures, floorRatio: median(ratios) };
  } finally {
    engine.dispose();
    await fake.stop();
  }
}

/**
 * The real Pulumi CLI and the built Kubernetes provider on the example-kubernetes stack,
 * against the local control plane: previews of a new and of a deployed stack with the policy
 * pack, and `pulumi up` creating it (the provider waits for the Deployment to become
 * Available). Says why instead when the engine, the provider or the control plane is missing.
 */
export async function measureKubernetesEngine(runs = 3): Promise<EngineFigure[] | string> {
  const missing = kubernetesEngineMissing();
  if (missing) return missing;
  const testbed = await startKubernetesTestbed();
  const engine = await kubernetesEngine(testbed);
  try {
    const stack = "example-kubernetes";
    await initKubernetesStack(engine, stack);
    const figures: EngineFigure[] = [];
    const add = async (what: string, n: number, run: () => Promise<{ exitCode: number; stderr: string }>) =>
      figures.push({ what, ms: await medianOf(n, run), runs: n });
    figures.push({
      what: "`pulumi preview`, new stack, policy pack",
      ms: await medianOf(runs, () => engine.preview({ stack })),
      runs,
      goal: "≤ 6 s",
    });
    await add("`pulumi up`, creating the six objects and waiting for the rollout", 1, () => engine.up(stack));
    await add("`pulumi preview`, deployed stack, no changes, policy pack", runs, () => engine.preview({ stack }));
    return figures;
  } finally {
    engine.dispose();
    await testbed.stop();
  }
}
