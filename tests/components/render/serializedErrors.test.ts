import assert from "node:assert/strict";
import { runInThisContext } from "node:vm";
import * as pulumi from "@pulumi/pulumi";
import { RenderApiError } from "../../../components/render/api/renderApiError";
import { RenderDeployError } from "../../../components/render/deployWait";

/** Runs a function the way the dynamic provider runs its code: serialized, then loaded as a module. */
async function runSerialized(fn: () => unknown): Promise<unknown> {
  const { text, exportName } = await pulumi.runtime.serializeFunction(fn);
  const loaded: Record<string, () => unknown> = {};
  const load = runInThisContext(`(function (exports, require) {\n${text}\n})`) as (
    exports: object,
    load: NodeJS.Require,
  ) => void;
  load(loaded, require);
  try {
    loaded[exportName]();
  } catch (err) {
    return err;
  }
  assert.fail("the serialized function should have thrown");
}

describe("Render provider errors, as the engine's dynamic provider runs them", () => {
  it("keep their message and name through Pulumi's closure serialization", async () => {
    const apiError = (await runSerialized(() => {
      throw new RenderApiError("get-service", 401, "Unauthorized");
    })) as Error;
    assert.equal(apiError.message, "Render API get-service failed: HTTP 401: Unauthorized");
    assert.equal(apiError.name, "RenderApiError");
    assert.equal(String(apiError), "RenderApiError: Render API get-service failed: HTTP 401: Unauthorized");
    const deployError = (await runSerialized(() => {
      throw new RenderDeployError("dep-1", "build_failed", "deploy dep-1 ended build_failed");
    })) as Error;
    assert.equal(deployError.message, "deploy dep-1 ended build_failed");
    assert.equal(deployError.name, "RenderDeployError");
  });
});
