import { measureMemoryAfter, measureStartup, measureThroughput } from "./appBench";
import { describeMachine } from "./machine";
import { measureAllPlans, measurePlan } from "./planBench";
import { measureAppDependencies } from "./appDependencies";
import { measureComment } from "./commentBench";
import { measureEngine, measureKubernetesEngine, ROUNDS } from "./engineBench";
import { measureManyStacks } from "./manyStacksBench";

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** The app's share of bare node:http that issue #16 asks for, by endpoint. */
const THROUGHPUT_GOALS: Record<string, string> = { "/health": "≥ 0.85", "/api/v1/items/:id": "≥ 0.5" };

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (line = "") => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  say(`### ${new Date().toISOString().slice(0, 10)} — ${describeMachine()}`);
  say();

  const throughput = await measureThroughput();
  say("#### App vs bare node:http (request logging on, loopback, autocannon 32 connections, median of 3 × 5 s)");
  say();
  say("| endpoint | server | req/s | share of bare | goal (app) | p99 ms | CPU µs/request | CPU × bare |");
  say("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const f of throughput) {
    const goal = f.server === "app" ? (THROUGHPUT_GOALS[f.endpoint] ?? "") : "";
    say(
      `| \`${f.endpoint}\` | ${f.server} | ${fixed(f.rps, 0)} | ${fixed(f.ratioToBare, 2)} | ${goal} | ${fixed(f.p99Ms)} | ${fixed(f.cpuMicrosPerRequest)} | ${fixed(f.cpuRatioToBare, 2)} |`,
    );
  }
  say();

  const startupMs = await measureStartup();
  const bareStartupMs = await measureStartup("bare");
  const memory = await measureMemoryAfter();
  const bareMemory = await measureMemoryAfter("bare");
  const bareWithAppFlagsMemory = await measureMemoryAfter("bareWithAppFlags");
  const mib = ({ rssMiB }: { rssMiB: number }) => `${fixed(rssMiB)} MiB (${fixed(rssMiB * 1.048576)} MB)`;
  say("#### Start-up, memory and the offline plan");
  say();
  say("| measure | value | goal |");
  say("| --- | ---: | ---: |");
  say(`| process start → first 200 on /health (median of 7) | ${fixed(startupMs, 0)} ms | ≤ 300 ms |`);
  say(`| the same, bare node:http (for reference) | ${fixed(bareStartupMs, 0)} ms | |`);
  for (const stack of ["staging", "production"]) {
    say(
      `| \`npm run plan -- --stack ${stack} --json\` wall time (median of 5) | ${fixed(measurePlan(stack), 0)} ms | ≤ 1500 ms |`,
    );
  }
  say(
    `| \`npm run plan -- --all --json --policy --out <dir>\`, every stack file in one process (median of 5) | ${fixed(measureAllPlans(), 0)} ms | ≤ 3000 ms |`,
  );
  const deps = measureAppDependencies();
  say(
    `| the image's production dependencies (app workspace, \`npm ci --omit=dev\`) | ${deps.packages} packages, ${fixed(deps.mib)} MiB | small |`,
  );
  say(`| resident memory after ${memory.requests} mixed requests | ${mib(memory)} | ≤ 80 MB |`);
  say(`| the same, bare node:http with node's defaults (for reference) | ${mib(bareMemory)} | |`);
  say(`| the same, bare node:http with the app's node flags (for reference) | ${mib(bareWithAppFlagsMemory)} | |`);
  say();

  say("#### The PR comment: reading the documents and rendering (in process, median of 5)");
  say();
  say("| comment | time | characters | goal |");
  say("| --- | ---: | ---: | ---: |");
  for (const f of measureComment()) {
    say(`| ${f.what} | ${fixed(f.ms, 0)} ms | ${f.characters} | < 65,536 characters |`);
  }
  say();

  say("#### Many stacks: 50 stacks of 200 resources each (in process, median of 5)");
  say();
  say("| step | time | goal |");
  say("| --- | ---: | ---: |");
  for (const f of measureManyStacks()) say(`| ${f.what} | ${fixed(f.ms, 0)} ms | < 2000 ms with the start |`);
  say();

  const engineTable = (figures: Array<{ what: string; runs: number; ms: number; goal?: string }>) => {
    say("| measure | runs | median wall time | goal |");
    say("| --- | ---: | ---: | ---: |");
    for (const f of figures) say(`| ${f.what} | ${f.runs} | ${fixed(f.ms / 1000, 2)} s | ${f.goal ?? ""} |`);
    say();
  };
  const engine = await measureEngine();
  say("#### The real Pulumi CLI on the staging (Render) stack, against the fake Render API");
  say();
  if (engine) {
    engineTable(engine.figures);
    say(
      `The staging preview with the policy pack took ${fixed(engine.floorRatio, 2)} times the empty program's (goal ≤ 1.5), and ${fixed(engine.shapeRatio, 2)} times the smallest program of its shape, one plugin resource with a one-rule pack, which itself took ${fixed(engine.shapeFloorRatio, 2)} times the empty program's. One dynamic resource with the pack, the shape staging had before the skyport-render plugin, took ${fixed(engine.dynamicShapeFloorRatio, 2)} times it. Each is the median of ${ROUNDS} rounds' ratios, each round running all of them.`,
    );
    say();
  } else say("Not measured: no `pulumi` CLI on PATH.\n");

  const kubernetes = await measureKubernetesEngine();
  say("#### The real Pulumi CLI and Kubernetes provider on the example-kubernetes stack, local control plane");
  say();
  if (typeof kubernetes === "string") say(`Not measured: ${kubernetes}.`);
  else engineTable(kubernetes);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
