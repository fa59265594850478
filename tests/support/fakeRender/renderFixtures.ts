import type { RenderClientOptions } from "../../../components/render/api/renderClient";
import type { RenderServiceInputs } from "../../../components/render/serviceState";
import type { FakeRenderApi } from "./fakeRenderApi";

/** Client options for a fake: its key and URL, and delays short enough for tests. */
export function fastClientOptions(
  fake: FakeRenderApi,
  overrides: Partial<RenderClientOptions> = {},
): RenderClientOptions {
  return {
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    timeoutMs: 2000,
    maxAttempts: 6,
    baseDelayMs: 2,
    maxDelayMs: 40,
    ...overrides,
  };
}

/** RenderService inputs for a fake, as the provider receives them (secrets decrypted). */
export function serviceInputs(fake: FakeRenderApi, overrides: Partial<RenderServiceInputs> = {}): RenderServiceInputs {
  return {
    connection: {
      baseUrl: fake.baseUrl,
      timeoutMs: 2000,
      maxAttempts: 6,
      baseDelayMs: 2,
      maxDelayMs: 40,
      deployTimeoutSeconds: 5,
      deployPollSeconds: 0.01,
    },
    apiKey: fake.apiKey,
    ownerId: "tea-c0ffee123",
    name: "shop-api-staging",
    plan: "starter",
    region: "frankfurt",
    image: `ghcr.io/acme/skyport-app@sha256:${"a".repeat(64)}`,
    healthCheckPath: "/health",
    maxShutdownDelaySeconds: 15,
    numInstances: 1,
    envVars: { PORT: "3000", ENVIRONMENT: "staging" },
    secretEnvVars: { API_TOKEN: "tok-render-1" },
    ...overrides,
  };
}
