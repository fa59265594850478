import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeProblem } from "../../../components/contract/configProblem";
import { plaintextSecretsInStackFile } from "../../../components/config/plaintextSecrets";
import { render } from "../../../components/render";
import { secretConfigTest } from "../../../components/config/readStackConfig";
import { rejectionOf } from "../../support/configProblems";
import { runStack, TEST_IMAGE } from "../../support/runStack";

const isRenderSecret = secretConfigTest("render", render);

/** A project folder whose stack file `qa` holds the given config map, as YAML. */
function projectWith(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "skyport-plain-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: skyport\nstackConfigDir: stacks\n");
  mkdirSync(join(dir, "stacks"));
  writeFileSync(join(dir, "stacks", "Pulumi.qa.yaml"), `config:\n${config}`);
  return dir;
}

describe("secrets written in plain text in a stack file", () => {
  const made: string[] = [];
  const problemsOf = (config: string) => {
    const dir = projectWith(config);
    made.push(dir);
    return plaintextSecretsInStackFile("qa", isRenderSecret, dir).map(describeProblem);
  };
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("refuses a plain value under skyport:secrets and a plain secret setting, naming the key and the command, never the value", () => {
    const lines = problemsOf(
      [
        "  skyport:secrets:",
        "    API_TOKEN: tok-plain-7f3a",
        "    DB_PASSWORD: { secure: v1:abc }",
        "  skyport:render:",
        "    ownerId: tea-123",
        "    apiKey: rnd_plain_c0ffee",
        "  skyport:registryAuth:",
        "    username: ci-bot",
        "    password: ghp_plain_9e1d",
        "  skyport:kubernetes:",
        "    kubeconfig: not-the-active-platform",
        "",
      ].join("\n"),
    );
    assert.deepEqual(lines, [
      "skyport:secrets.API_TOKEN: [secret] is not allowed; expected a Pulumi secret, but it is in plain text in stacks/Pulumi.qa.yaml (and so in git: treat it as leaked). Set it encrypted with `pulumi config set --stack qa --secret --path 'skyport:secrets.API_TOKEN' <value>`",
      "skyport:render.apiKey: [secret] is not allowed; expected a Pulumi secret, but it is in plain text in stacks/Pulumi.qa.yaml (and so in git: treat it as leaked). Set it encrypted with `pulumi config set --stack qa --secret --path 'skyport:render.apiKey' <value>`",
      "skyport:registryAuth.password: [secret] is not allowed; expected a Pulumi secret, but it is in plain text in stacks/Pulumi.qa.yaml (and so in git: treat it as leaked). Set it encrypted with `pulumi config set --stack qa --secret --path 'skyport:registryAuth.password' <value>`",
    ]);
    for (const value of ["tok-plain-7f3a", "rnd_plain_c0ffee", "ghp_plain_9e1d"])
      assert.ok(!lines.join("\n").includes(value));
  });

  it("accepts secrets that are all Pulumi secrets, and plain settings that are not secret", () => {
    assert.deepEqual(
      problemsOf(
        "  skyport:secrets:\n    API_TOKEN: { secure: v1:abc }\n  skyport:render:\n    ownerId: tea-123\n    plan: starter\n",
      ),
      [],
    );
  });

  it("has nothing to judge for a stack with no file under the project", () => {
    assert.deepEqual(plaintextSecretsInStackFile("nowhere", isRenderSecret, tmpdir()), []);
  });
});

describe("secrets given in plain text any other way (--config, a --config-file outside the project)", () => {
  const renderStack = (secrets: Record<string, unknown>) => ({
    "skyport:platform": "render",
    "skyport:image": TEST_IMAGE,
    "skyport:app": { name: "shop-api", cpu: 0.5, memory: 512 },
    "skyport:secrets": secrets,
    "skyport:render": { ownerId: "tea-123", plan: "starter", region: "frankfurt" },
  });

  it("refuses a secret under a key the engine did not mark secret, naming the key and never the value", async () => {
    const { lines, registeredTypes } = await rejectionOf(renderStack({ API_TOKEN: "tok-given-plain" }));
    assert.deepEqual(lines, [
      "skyport:secrets.API_TOKEN: [secret] is not allowed; expected a Pulumi secret, but it is in plain text in the config the engine was given. Set it encrypted with `pulumi config set --stack test --secret --path 'skyport:secrets.API_TOKEN' <value>`",
    ]);
    assert.deepEqual(registeredTypes, ["pulumi:pulumi:Stack"], "nothing but the stack itself");
  });

  it("accepts the same values once the engine marks their key secret", async () => {
    await runStack(renderStack({ API_TOKEN: "tok-given-secret" }), { secretKeys: ["skyport:secrets"] });
  });
});
