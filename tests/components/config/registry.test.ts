import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { kubernetes } from "../../../components/kubernetes";
import { PLATFORM_REGISTRY } from "../../../components/registry";
import { ConfigError, describeProblem } from "../../../components/contract/configProblem";
import { readStackConfig } from "../../../components/config/readStackConfig";
import { toRuntimeConfig } from "../../../tools/lib/plan/stackFile";
import { createTestMocks } from "../../support/testMocks";
import { TEST_IMAGE } from "../../support/runStack";

describe("platform registry", () => {
  it("has the four built platforms, each under its own name", () => {
    assert.deepEqual(Object.keys(PLATFORM_REGISTRY), ["ecs", "kubernetes", "cloudrun", "render"]);
    for (const [name, definition] of Object.entries(PLATFORM_REGISTRY)) assert.equal(definition.name, name);
  });

  it("allows only the platforms of the registry it is given, naming them", async () => {
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
          .includes('skyport:platform: "ecs" is not allowed; expected one of kubernetes'),
    );
    await pulumi.runtime.disconnect();
  });
});
