import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { kubernetes } from "../../../components/kubernetes";
import { PLATFORM_REGISTRY } from "../../../components/registry";
import { ConfigError, describeProblem } from "../../../components/spec/configError";
import { readStackConfig } from "../../../components/spec/readStackConfig";
import { PLATFORM_NAMES } from "../../../components/spec/stackConfigSchema";
import { toRuntimeConfig } from "../../../tools/plan/stackFile";
import { createTestMocks } from "../../support/testMocks";
import { TEST_IMAGE } from "../../support/runStack";

describe("platform registry", () => {
  it("has every platform skyport knows, each under its own name", () => {
    assert.deepEqual(Object.keys(PLATFORM_REGISTRY).sort(), [...PLATFORM_NAMES].sort());
    for (const [name, definition] of Object.entries(PLATFORM_REGISTRY)) assert.equal(definition?.name, name);
  });

  it("turns a known platform that a registry lacks into a clear error", async () => {
    await pulumi.runtime.setMocks(createTestMocks().mocks, "skyport", "partial", false);
    const { config, secretKeys } = toRuntimeConfig({
      "skyport:platform": "ecs",
      "skyport:image": TEST_IMAGE,
      "skyport:app": { name: "shop-api" },
    });
    pulumi.runtime.setAllConfig(config, secretKeys);
    await assert.rejects(
      readStackConfig({ kubernetes }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems
          .map(describeProblem)
          .includes(
            'skyport:platform: "ecs" is not allowed; expected a platform built in this version of skyport: kubernetes',
          ),
    );
    await pulumi.runtime.disconnect();
  });
});
