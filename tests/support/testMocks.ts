import * as pulumi from "@pulumi/pulumi";
import { PLATFORM_MOCKS } from "../conformance/adapters/mocks";
import { assignedBy } from "./platformMocks";

/** Mocks for one test run, and the plain inputs each resource reached its provider with. */
export interface TestMocks {
  mocks: pulumi.runtime.Mocks;
  /** `type::name` → inputs as the provider receives them (secrets decrypted). */
  providerInputs: Map<string, Record<string, unknown>>;
  /** Invoke tokens called, in order. */
  invokes: string[];
}

/** What the mocked backend already holds. */
export interface TestMockOptions {
  /**
   * Outputs of deployed stacks by full name (`organization/skyport/<stack>`), as a StackReference
   * reads them. Default: no stack was ever deployed.
   */
  deployedStacks?: Record<string, Record<string, unknown>>;
}

const PLATFORMS = Object.values(PLATFORM_MOCKS);
const LOOKUPS = Object.assign({}, ...PLATFORMS.map((platform) => platform.lookups)) as Record<
  string,
  (inputs: Record<string, unknown>) => Record<string, unknown>
>;

/** What the mocked clouds assign a resource, beyond its inputs: the first platform's that knows the type. */
function assigned(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  for (const platform of PLATFORMS) {
    const found = assignedBy(platform, type, name, inputs);
    if (found) return found;
  }
  return {};
}

/**
 * Mocks for tests: like a real deployment, every resource gets an id and echoes its inputs,
 * and what a cloud assigns (addresses, ARNs, look-ups) is filled in by each platform's mocks
 * (tests/conformance/adapters/*Mocks.ts). The inputs each provider would receive are kept, so
 * a test can check where a secret's value went.
 */
export function createTestMocks(options: TestMockOptions = {}): TestMocks {
  const providerInputs = new Map<string, Record<string, unknown>>();
  const invokes: string[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      const inputs = args.inputs as Record<string, unknown>;
      if (args.type === "pulumi:pulumi:StackReference") {
        const outputs = options.deployedStacks?.[String(inputs.name)] ?? {};
        return { id: args.name, state: { ...inputs, outputs, secretOutputNames: [] } };
      }
      providerInputs.set(`${args.type}::${args.name}`, unwrapSecrets(inputs) as Record<string, unknown>);
      return { id: `${args.name}-id`, state: { ...inputs, ...assigned(args.type, args.name, inputs) } };
    },
    call: (args) => {
      invokes.push(args.token);
      return LOOKUPS[args.token]?.(args.inputs as Record<string, unknown>) ?? {};
    },
  };
  return { mocks, providerInputs, invokes };
}

/** The value a provider works with: secret wrappers removed, the secret values themselves kept. */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, unwrapSecrets(inner)]));
}
