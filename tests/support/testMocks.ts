import * as pulumi from "@pulumi/pulumi";

/** Address the mocked cloud gives a LoadBalancer Service. */
export const MOCK_LOAD_BALANCER_HOSTNAME = "lb-1234.test.invalid";

/** Mocks for one test run, and the plain inputs each resource reached its provider with. */
export interface TestMocks {
  mocks: pulumi.runtime.Mocks;
  /** `type::name` → inputs as the provider receives them (secrets decrypted). */
  providerInputs: Map<string, Record<string, unknown>>;
}

/**
 * Mocks for tests: like a real deployment, every resource gets an id and echoes its inputs,
 * and what a cloud computes (a load balancer's address) is filled in. The inputs each
 * provider would receive are kept, so a test can check where a secret's value went.
 */
export function createTestMocks(): TestMocks {
  const providerInputs = new Map<string, Record<string, unknown>>();
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      const inputs = args.inputs as Record<string, unknown>;
      providerInputs.set(`${args.type}::${args.name}`, unwrapSecrets(inputs) as Record<string, unknown>);
      const state = { ...inputs };
      const spec = state.spec as { type?: string } | undefined;
      if (args.type === "kubernetes:core/v1:Service" && spec?.type === "LoadBalancer") {
        state.status = { loadBalancer: { ingress: [{ hostname: MOCK_LOAD_BALANCER_HOSTNAME }] } };
      }
      return { id: `${args.name}-id`, state };
    },
    call: () => ({}),
  };
  return { mocks, providerInputs };
}

/** The value a provider works with: secret wrappers removed, the secret values themselves kept. */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, unwrapSecrets(inner)]));
}
