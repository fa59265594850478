import type { PlatformRegistry } from "../../components/contract/platform";
import { deploySkyport } from "../../components/program";
import { planStack, type PlanRun } from "../../tools/lib/plan/planStack";
import type { PlannedResource, Recording } from "../../tools/lib/plan/recorder";
import { readProjectFile, toRuntimeConfig } from "../../tools/lib/plan/stackFile";
import { createTestMocks } from "./testMocks";

/** A digest reference for tests. */
export const TEST_IMAGE = `ghcr.io/acme/skyport-app@sha256:${"ab12".repeat(16)}`;

/** How to run a test stack. */
export interface RunStackOptions {
  /** Stack name. Default "test". */
  stack?: string;
  /** Keys whose plain-text values are secrets, as Pulumi hands decrypted secrets over. Default none. */
  secretKeys?: string[];
  /** Outputs of deployed stacks by full name (see TestMockOptions). Default: none deployed. */
  deployedStacks?: Record<string, Record<string, unknown>>;
  /** Sees the recording even when the run fails. */
  onRecording?: (recording: Recording) => void;
  /** The platforms the program may deploy to. Default: the built ones (PLATFORM_REGISTRY). */
  registry?: PlatformRegistry;
}

/** A run of the program in a test: the plan, plus what each provider was handed. */
export interface TestRun extends PlanRun {
  /** Inputs as the resource's provider receives them: secrets decrypted. */
  providerInputsOf: (resource: PlannedResource) => Record<string, unknown>;
}

/**
 * Runs the real program under mocks with a stack file's `config:` map (namespaced keys,
 * `{secure: ...}` allowed) and resolves once every resource is registered and every output
 * is known.
 */
export async function runStack(config: Record<string, unknown>, options: RunStackOptions = {}): Promise<TestRun> {
  const runtimeConfig = toRuntimeConfig(config);
  runtimeConfig.secretKeys.push(...(options.secretKeys ?? []));
  const { mocks, providerInputs } = createTestMocks({ deployedStacks: options.deployedStacks });
  const run = await planStack({
    project: readProjectFile().name,
    stack: options.stack ?? "test",
    runtimeConfig,
    mocks,
    preview: false,
    onRecording: options.onRecording,
    ...(options.registry ? { program: () => deploySkyport(options.registry) } : {}),
  });
  return {
    ...run,
    providerInputsOf: (resource) => {
      const inputs = providerInputs.get(`${resource.type}::${resource.name}`);
      if (!inputs) throw new Error(`no provider inputs for ${resource.type} ${resource.name}`);
      return inputs;
    },
  };
}

/** The one registration of a type (and optional name); fails loudly when there is not exactly one. */
export function only(run: PlanRun, type: string, name?: string): PlannedResource {
  const found = run.registrations.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` ${name}` : ""}, found ${found.length}`);
  return found[0];
}

/** Every registration of a type. */
export function all(run: PlanRun, type: string): PlannedResource[] {
  return run.registrations.filter((r) => r.type === type);
}

/** A minimal valid kubernetes stack config, with overrides merged per top-level key. */
export function kubernetesStack(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "skyport:platform": "kubernetes",
    "skyport:image": TEST_IMAGE,
    "skyport:app": { name: "shop-api" },
    ...overrides,
  };
}
