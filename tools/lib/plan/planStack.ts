import * as pulumi from "@pulumi/pulumi";
import { planMocks } from "./planMocks";
import { type PlannedResource, type Recording, recordRegistrations } from "./recorder";
import type { RuntimeConfig } from "./stackFile";

/** The organization a self-managed backend (file, S3, …) puts every stack in. */
const LOCAL_ORGANIZATION = "organization";

/** What a stack would register, and its outputs; the `--json` document. */
export interface Plan {
  stack: string;
  platform: string | undefined;
  resources: Array<Pick<PlannedResource, "type" | "name" | "parent" | "inputs">>;
  outputs: Record<string, unknown>;
}

/** Options for one offline run of the program. */
export interface PlanOptions {
  /** Pulumi project name. */
  project: string;
  /** Stack name (the environment defaults to it). */
  stack: string;
  /** The stack's config, as the runtime hands it over. */
  runtimeConfig: RuntimeConfig;
  /** Mocks to run under. Default: planMocks (inputs echoed, nothing computed). */
  mocks?: pulumi.runtime.Mocks;
  /** Run as a preview (computed values unknown). Default true. */
  preview?: boolean;
  /** Called with the live recording before the program runs, so a caller sees it even if the run fails. */
  onRecording?: (recording: Recording) => void;
  /** The program to run. Default: index.ts's, as Pulumi loads it. */
  program?: Program;
}

/** A plan together with every registration in full, for tests and the policy pack. */
export interface PlanRun extends Plan {
  registrations: PlannedResource[];
}

/**
 * Runs the real program (index.ts) under Pulumi's mock runtime with the given config and
 * records what it registers. No cloud credentials, no Pulumi CLI. Rejects with the program's
 * error (a ConfigError for bad config) when it fails.
 */
export async function planStack(options: PlanOptions): Promise<PlanRun> {
  await pulumi.runtime.setMocks(
    options.mocks ?? planMocks,
    options.project,
    options.stack,
    options.preview ?? true,
    LOCAL_ORGANIZATION,
  );
  pulumi.runtime.setAllConfig(options.runtimeConfig.config, options.runtimeConfig.secretKeys);
  const recording = recordRegistrations();
  options.onRecording?.(recording);
  try {
    await pulumi.runtime.runInPulumiStack(options.program ?? (await loadProgram()));
  } finally {
    await pulumi.runtime.disconnect();
  }
  const outputs = recording.stackOutputs() ?? {};
  return {
    stack: options.stack,
    platform: typeof outputs.platform === "string" ? outputs.platform : undefined,
    resources: recording.resources.map(({ type, name, parent, inputs }) => ({ type, name, parent, inputs })),
    outputs,
    registrations: recording.resources,
  };
}

/** A Pulumi program: registers resources and resolves to the stack's outputs. */
export type Program = () => Promise<object>;

/** index.ts, as Pulumi loads it: its `export =` function is the program. */
async function loadProgram(): Promise<Program> {
  const entry = (await import("../../../index")) as unknown as Program | { default: Program };
  return typeof entry === "function" ? entry : entry.default;
}
