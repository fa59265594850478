import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { kubernetes } from "../../../components/kubernetes";
import { render } from "../../../components/render";
import { secretConfigTest } from "../../../components/config/readStackConfig";
import { secretString } from "../../../components/config/secretSetting";

/** An Output's value and whether it is secret. */
async function unwrap(output: pulumi.Output<string>): Promise<{ value: string; secret: boolean }> {
  const secret = await pulumi.isSecret(output);
  const value = await new Promise<string>((resolve) => output.apply(resolve));
  return { value, secret };
}

describe("secret settings, declared once in the schemas", () => {
  it("parses a secretString into a Pulumi secret, so a component cannot forget to mark it", async () => {
    assert.deepEqual(await unwrap(secretString.parse("hunter2")), { value: "hunter2", secret: true });
  });

  it("finds every secret path from the schemas: the shared keys and the active platform's block", () => {
    const isRenderSecret = secretConfigTest("render", render);
    const secret = [
      ["secrets", "API_TOKEN"],
      ["registryAuth", "password"],
      ["render", "apiKey"],
    ];
    const plain = [
      ["registryAuth", "username"],
      ["app", "env", "LOG_LEVEL"],
      ["render", "ownerId"],
      ["kubernetes", "kubeconfig"],
      ["image"],
    ];
    for (const path of secret) assert.equal(isRenderSecret(path), true, path.join("."));
    for (const path of plain) assert.equal(isRenderSecret(path), false, path.join("."));
    assert.equal(secretConfigTest("kubernetes", kubernetes)(["kubernetes", "kubeconfig"]), true);
  });

  it("gives components the block's secrets as Outputs, still secret", async () => {
    const settings = render.settingsSchema.parse({
      ownerId: "tea-c0ffee123",
      plan: "starter",
      region: "frankfurt",
      apiKey: "rnd_key_1",
    }) as { apiKey: pulumi.Output<string> };
    assert.deepEqual(await unwrap(settings.apiKey), { value: "rnd_key_1", secret: true });
  });
});
