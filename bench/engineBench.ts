import { EngineProject } from "../tests/support/engine/engineProject";
import { pulumiOnPath } from "../tests/support/engine/pulumiOnPath";
import { FakeRenderApi } from "../tests/support/fakeRender/fakeRenderApi";
import {
  initKubernetesStack,
  kubernetesEngine,
  kubernetesEngineMissing,
  startKubernetesTestbed,
} from "../tests/support/engine/kubernetesStacks";
import { median } from "./machine";
import { minimalPrograms } from "./minimalPrograms";

/** How many rounds time the staging preview beside the minimal programs'. */
export const ROUNDS = 5;

/** One engine measurement: what was run, its median wall time, and how many runs. */
export interface EngineFigure {
  what: string;
  ms: number;
  runs: number;
  /** The goal, when the figure has one. Default none. */
  goal?: string;
}

/** The staging measurements, and the preview's multiples of the minimal programs', round by round. */
export interface EngineFigures {
  figures: EngineFigure[];
  /** Median over the rounds of (staging's preview with the policy pack) / (the empty program's). */
  floorRatio: number;
  /** The same for one plugin resource with a one-rule pack: Pulumi's own cost for the staging stack's shape. */
  shapeFloorRatio: number;
  /** The same for one dynamic resource with a one-rule pack: the shape staging had with a dynamic provider. */
  dynamicShapeFloorRatio: number;
  /** Median over the rounds of (staging's preview with the policy pack) / (its shape's). */
  shapeRatio: number;
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
 * with a 0.1 s deploy poll. The first preview is timed in ROUNDS rounds beside minimal programs'
 * previews (minimalPrograms), so its multiples of them are taken in one run. Undefined when no
 * CLI is on PATH.
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

    const minimal = await minimalPrograms(engine);
    const rounds = {
      ours: [] as number[],
      floor: [] as number[],
      floorWithPack: [] as number[],
      shapeWithPack: [] as number[],
      dynamicShapeWithPack: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.floor.push(await timed(() => minimal.empty(false)));
      rounds.floorWithPack.push(await timed(() => minimal.empty(true)));
      rounds.shapeWithPack.push(await timed(() => minimal.onePluginResource(true)));
      rounds.dynamicShapeWithPack.push(await timed(() => minimal.oneDynamicResource(true)));
      rounds.ours.push(await timed(preview()));
    }
    const ratio = (over: number[], under: number[]) => median(over.map((ms, i) => ms / under[i]));
    const record = (what: string, times: number[], goal?: string) =>
      figures.push({ what, ms: median(times), runs: ROUNDS, goal });
    record("`pulumi preview`, new stack, policy pack (as the tier and the pipeline run it)", rounds.ours, "≤ 6 s");
    record("an empty TypeScript program's `pulumi preview` (`--import tsx`), the floor", rounds.floor);
    record("the empty program with a one-rule policy pack", rounds.floorWithPack);
    record(
      "a program of one resource of a do-nothing provider plugin, with the one-rule pack: the staging stack's shape at its smallest",
      rounds.shapeWithPack,
    );
    record(
      "a program of one do-nothing dynamic resource, with the one-rule pack: the shape staging had with a dynamic provider",
      rounds.dynamicShapeWithPack,
    );
    await add("staging's `pulumi preview`, new stack, without the policy pack", runs, preview({}, false));
    await add(
      "staging's, with the policy pack and plugin acquisition on (aws, gcp, kubernetes downloads tried)",
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
    return {
      figures,
      floorRatio: ratio(rounds.ours, rounds.floor),
      shapeFloorRatio: ratio(rounds.shapeWithPack, rounds.floor),
      dynamicShapeFloorRatio: ratio(rounds.dynamicShapeWithPack, rounds.floor),
      shapeRatio: ratio(rounds.ours, rounds.shapeWithPack),
    };
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
