import assert from "node:assert/strict";
import type { PlatformRegistry } from "../../components/contract/platform";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { secretConfigTest } from "../../components/config/readStackConfig";
import { policyReaders } from "../../policy/inspect";
import { createPolicies } from "../../policy/policies";
import { evaluatePolicies } from "../../tools/lib/plan/evaluatePolicies";
import { stackInfo } from "../../tools/lib/stackInfo/stackInfo";
import { toRuntimeConfig } from "../../tools/lib/plan/stackFile";
import { rejectionOf } from "../support/configProblems";
import { only, runStack, TEST_IMAGE } from "../support/runStack";
import { standin } from "../support/standInPlatform";
import { STAND_IN_SERVICE } from "../support/standInPlatform/policyView";
import type { ConformanceAdapter } from "./facts";
import { describeConformance } from "./suite";

/** The built platforms and the stand-in: its one registry line. */
const REGISTRY: PlatformRegistry = { ...PLATFORM_REGISTRY, standin };

/** The stand-in's conformance adapter. */
const standInAdapter: ConformanceAdapter = {
  platform: "standin",
  settings: { region: "north" },
  rollsBack: true,
  facts: (run) => {
    const service = only(run, STAND_IN_SERVICE);
    const store = only(run, "standin:index:SecretStore");
    const inputs = service.inputs as any;
    return {
      image: inputs.image,
      containerPort: inputs.port,
      env: inputs.env,
      secretStore: (run.providerInputsOf(store) as any).values,
      secretStoreMarkedSecret: (store.inputs as any).values === "[secret]",
      secretRefs: inputs.secretRefs,
      cpu: inputs.cpu,
      memoryMiB: inputs.memoryMiB,
      scaling: { min: inputs.minInstances, max: inputs.maxInstances, targetCpuPercent: inputs.targetCpuPercent },
      healthGate: {
        livenessPath: inputs.livenessPath,
        trafficPath: inputs.readinessPath,
        rolloutWaitsForHealth: true,
        rollsBack: true,
      },
      runsAsNonRoot: inputs.user !== 0,
    };
  },
};

const standInStack = (app: Record<string, unknown> = {}, block: Record<string, unknown> = { region: "north" }) => ({
  "skyport:platform": "standin",
  "skyport:image": TEST_IMAGE,
  "skyport:app": { name: "shop-api", ...app },
  "skyport:standin": block,
});

describe("a fifth platform: one folder, one registry line, one conformance adapter", () => {
  describeConformance(standInAdapter, REGISTRY);

  it("is one skyport:platform component, parent of its resources, exporting its URL", async () => {
    const run = await runStack(standInStack(), { registry: REGISTRY });
    const component = only(run, "skyport:platform:StandIn");
    assert.equal(only(run, STAND_IN_SERVICE).parent, component.urn);
    assert.equal(run.outputs.url, "https://shop-api.north.standin.test");
    assert.equal(run.outputs.platform, "standin");
  });

  it("gets the shared config rules, its own block's and its cross-checks, all at once, with secrets hidden", async () => {
    const { lines } = await rejectionOf(
      standInStack({ memory: 8192, port: 0 }, { region: "east", apiToken: 12345 }),
      ["skyport:standin"],
      REGISTRY,
    );
    assert.deepEqual(lines, [
      "skyport:app.port: 0 is not allowed; expected a whole number from 1 to 65535",
      'skyport:standin.region: "east" is not allowed; expected one of north, south',
      "skyport:standin.apiToken: [secret] is not allowed; expected a non-empty string",
      "skyport:app.memory: 8192 is not allowed; expected at most 4096 MiB on standin",
    ]);
    assert.equal(secretConfigTest("standin", standin)(["standin", "apiToken"]), true);
  });

  it("is refused by the built registry, which names the platforms it has", async () => {
    const { lines } = await rejectionOf(standInStack());
    assert.ok(
      lines.includes('skyport:platform: "standin" is not allowed; expected one of ecs, kubernetes, cloudrun, render'),
    );
    assert.ok(
      lines.includes(
        "skyport:standin: unknown key; allowed keys: platform, image, rolloutStep, environment, app, secrets, registryAuth, ecs, kubernetes, cloudrun, render",
      ),
    );
  });

  it("gives the pipeline its credentials and plugins, and the policy pack its containers, from its definition", () => {
    const config = toRuntimeConfig({ "skyport:platform": "standin" }).config;
    assert.deepEqual(stackInfo("qa", config, REGISTRY), {
      stack: "qa",
      platform: "standin",
      credentials: { kind: "secret-variable", secret: "STANDIN_TOKEN" },
      plugins: [],
    });
    const readers = policyReaders(REGISTRY);
    const props = { image: TEST_IMAGE, cpu: 1, memoryMiB: 512, env: { LOG_LEVEL: "info" }, minInstances: 2 };
    assert.deepEqual(readers.containersOf(STAND_IN_SERVICE, props), [
      { image: TEST_IMAGE, cpu: 1, memory: 512, env: [{ name: "LOG_LEVEL", value: "info" }] },
    ]);
    assert.equal(readers.minimumInstancesOf(STAND_IN_SERVICE, props), 2);
  });

  it("gets every policy of the pack, read through its policy view alone", async () => {
    const policies = createPolicies(policyReaders(REGISTRY));
    const run = await runStack(standInStack({ domain: "shop.example.test", minInstances: 2 }), { registry: REGISTRY });
    assert.deepEqual(evaluatePolicies(run.registrations, { all: "mandatory" }, policies), [], "what it deploys passes");

    const service = only(run, STAND_IN_SERVICE);
    const broken = {
      ...service,
      inputs: {
        ...service.inputs,
        image: "ghcr.io/acme/skyport-app:latest",
        cpu: undefined,
        env: { API_TOKEN: "plain" },
        minInstances: 1,
        tls: false,
        logDays: undefined,
        firewall: [22],
        labels: { "skyport-public": "false" },
      },
    };
    const found = evaluatePolicies([broken], { "minimum-instances": { minimum: 2 } }, policies);
    assert.deepEqual(
      [...new Set(found.map((v) => v.policy))].sort(),
      policies.map((policy) => policy.name).sort(),
      "each policy finds what is wrong",
    );
    assert.ok(
      found.some(
        (v) => v.message === "shop-api-service serves shop.example.test without TLS. Fix: leave the stand-in's TLS on.",
      ),
    );
    assert.ok(found.some((v) => v.message.includes("Fix: set skyport:standin.logDays to 3653 or fewer.")));
  });
});
