import assert from "node:assert/strict";
import type { PlatformRegistry } from "../../components/contract/platform";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { parseImageRef } from "../../components/contract/imageRef";
import { runStack, TEST_IMAGE, type TestRun } from "../support/runStack";
import type { ConformanceAdapter, PlatformFacts } from "./facts";

/** The one AppSpec every platform must honour the same way. */
const SPEC = {
  name: "conformance",
  port: 8080,
  cpu: 1,
  memory: 2048,
  minInstances: 2,
  maxInstances: 5,
  targetCpuPercent: 60,
  healthCheckPath: "/livez",
  readinessPath: "/readyz",
  env: { LOG_LEVEL: "warn", FEATURE_FLAGS: "a,b" },
};
const SECRETS = { API_TOKEN: "tok-7f3a9c-not-for-logs", DATABASE_URL: "postgres://u:pw-91ab@db/shop" };

/**
 * The conformance suite for one platform: the shared spec, run through the program with the
 * given registry (default: the built platforms), must come out the same on every platform.
 */
export function describeConformance(adapter: ConformanceAdapter, registry: PlatformRegistry = PLATFORM_REGISTRY): void {
  describe(adapter.platform, () => {
    let run: TestRun;
    let facts: PlatformFacts;
    before(async () => {
      run = await runStack(
        {
          "skyport:platform": adapter.platform,
          "skyport:image": TEST_IMAGE,
          "skyport:environment": "conformance",
          "skyport:app": SPEC,
          "skyport:secrets": SECRETS,
          [`skyport:${adapter.platform}`]: adapter.settings,
          ...adapter.providerConfig,
        },
        { secretKeys: ["skyport:secrets"], registry },
      );
      facts = adapter.facts(run);
    });

    it("runs exactly the image digest given (through the platform's own registry path where it needs one)", () => {
      const given = parseImageRef(TEST_IMAGE);
      const running = parseImageRef(facts.image);
      assert.equal(running.digest, given.digest);
      assert.ok(running.repository.endsWith(given.repository), `${facts.image} is ${TEST_IMAGE}`);
    });

    it("listens on the spec's port, with PORT set to it", () => {
      assert.equal(facts.containerPort, SPEC.port);
      assert.equal(facts.env.PORT, String(SPEC.port));
    });

    it("sets every env var, and ENVIRONMENT and PLATFORM", () => {
      for (const [name, value] of Object.entries(SPEC.env)) assert.equal(facts.env[name], value, name);
      assert.equal(facts.env.ENVIRONMENT, "conformance");
      assert.equal(facts.env.PLATFORM, adapter.platform);
    });

    it("puts every secret in the platform's secret mechanism, still secret", () => {
      assert.deepEqual(facts.secretStore, SECRETS);
      assert.equal(facts.secretStoreMarkedSecret, true);
      assert.deepEqual(facts.secretRefs.sort(), Object.keys(SECRETS).sort());
      for (const name of Object.keys(SECRETS)) assert.equal(facts.env[name], undefined, `${name} is not plain env`);
    });

    it("never puts a secret in plain text into any resource input", () => {
      const everything = JSON.stringify(run.registrations.map((r) => r.inputs));
      for (const value of Object.values(SECRETS)) assert.ok(!everything.includes(value), "a secret leaked");
    });

    it("maps cpu, memory and scaling to the platform's own settings", () => {
      assert.equal(facts.cpu, SPEC.cpu);
      assert.equal(facts.memoryMiB, SPEC.memory);
      assert.deepEqual(facts.scaling, {
        min: SPEC.minInstances,
        max: SPEC.maxInstances,
        targetCpuPercent: adapter.scalesWithoutCpuTarget ? "unsupported" : SPEC.targetCpuPercent,
      });
    });

    it("gates rollout on the health paths", () => {
      assert.equal(facts.healthGate.livenessPath, SPEC.healthCheckPath);
      assert.ok([SPEC.readinessPath, SPEC.healthCheckPath].includes(facts.healthGate.trafficPath));
      assert.equal(facts.healthGate.rolloutWaitsForHealth, true, "a bad release never takes traffic");
      assert.equal(facts.healthGate.rollsBack, adapter.rollsBack);
    });

    it("runs as non-root where the platform allows it", () => {
      assert.notEqual(facts.runsAsNonRoot, false);
    });

    it("exports the public URL", () => {
      assert.equal(typeof run.outputs.url, "string");
      assert.match(run.outputs.url as string, /^https?:\/\/[^/\s]+$/);
      assert.equal(run.outputs.platform, adapter.platform);
      assert.equal(run.outputs.image, TEST_IMAGE);
    });
  });
}
