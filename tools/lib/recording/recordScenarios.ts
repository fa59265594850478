import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineProject } from "../../../tests/support/engine/engineProject";
import type { StackPreviewRun } from "../pulumi/previewStack";

/** One change to preview from a deployed stack, undone afterwards by restoring the stack file. */
export interface Scenario<Context> {
  name: string;
  /** What the scenario changes, for the fixture folder's index. */
  description: string;
  change?: (engine: EngineProject, context: Context) => Promise<void> | void;
  /** Puts back what change did outside the stack file. */
  undo?: (context: Context) => Promise<void> | void;
  /** Preview against a copy of this stack's policy config instead of the stack's own. */
  policyOf?: string;
  /** Preview as the drift check does: `--refresh --expect-no-changes`. */
  driftCheck?: boolean;
  /** Variables for the preview's CLI, such as `PULUMI_OPTION_COLOR`. Default none. */
  env?: NodeJS.ProcessEnv;
}

/** What one platform's recording needs. */
export interface Recording<Context> {
  /** The fixtures' file name prefix: `<prefix>-<scenario>.json`. */
  prefix: string;
  stack: string;
  engine: EngineProject;
  context: Context;
  scenarios: Array<Scenario<Context>>;
  /** This machine's paths, ports and addresses as placeholders. */
  scrub: (text: string) => string;
}

/** Event kinds whose content the preview document already has. */
const REPEATED_EVENTS = /^\{"sequence":\d+,"timestamp":\d+,"(resourcePreEvent|resOutputsEvent)"/;

function withoutRepeats(eventLog: string): string {
  return eventLog
    .split("\n")
    .filter((line) => line && !REPEATED_EVENTS.test(line))
    .map((line) => `${line}\n`)
    .join("");
}

/**
 * Previews the stack before its first up ("create"), deploys it, then previews each scenario
 * from that deployed state, and writes each document and event log into `folder`. Resolves
 * with the index lines for the folder's README.
 */
export async function recordScenarios<Context>(recording: Recording<Context>, folder: string): Promise<string[]> {
  const { engine, stack, context, scrub } = recording;
  const previewInto = (name: string, driftCheck = false, env: NodeJS.ProcessEnv = {}) =>
    engine.preview({
      stack,
      outDir: join(engine.dir, "recorded", recording.prefix, name),
      refresh: driftCheck,
      expectNoChanges: driftCheck,
      env,
    });
  const runs: Array<{ name: string; description: string; run: StackPreviewRun }> = [
    { name: "create", description: "the first preview of a new stack", run: await previewInto("create") },
  ];
  await engine.must(["up", "--stack", stack, "--yes", "--skip-preview"]);
  const deployed = readFileSync(engine.stackFile(stack), "utf8");
  const policyFile = join(engine.dir, "policy", "config", `${stack}.json`);
  let stackPolicy: string | undefined;
  try {
    stackPolicy = readFileSync(policyFile, "utf8");
  } catch {
    stackPolicy = undefined;
  }
  for (const scenario of recording.scenarios) {
    await scenario.change?.(engine, context);
    if (scenario.policyOf) {
      writeFileSync(policyFile, readFileSync(join(engine.dir, "policy", "config", `${scenario.policyOf}.json`)));
    }
    runs.push({ ...scenario, run: await previewInto(scenario.name, scenario.driftCheck, scenario.env) });
    await scenario.undo?.(context);
    writeFileSync(engine.stackFile(stack), deployed);
    if (stackPolicy !== undefined) writeFileSync(policyFile, stackPolicy);
  }
  return runs.map(({ name, description, run }) => {
    const base = join(folder, `${recording.prefix}-${name}`);
    writeFileSync(`${base}.json`, scrub(readFileSync(run.documentPath, "utf8")));
    writeFileSync(`${base}.events.jsonl`, scrub(withoutRepeats(readFileSync(run.eventsPath, "utf8"))));
    return `- \`${recording.prefix}-${name}\`: ${description} (exit ${run.exitCode})`;
  });
}

/** Replaces this machine's paths (absolute, and relative as the engine writes some) with placeholders. */
export function scrubPaths(text: string, engine: EngineProject, projectDir: string): string {
  const relativeRepo = new RegExp(
    `(\\.\\./)+${projectDir.replace(/^\//, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
    "g",
  );
  return text.replaceAll(engine.dir, "<project>").replaceAll(projectDir, "<repo>").replace(relativeRepo, "<repo>");
}
