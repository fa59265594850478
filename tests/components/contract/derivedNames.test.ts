import assert from "node:assert/strict";
import { fitName } from "../../../components/contract/derivedNames";
import { MOCK_GCP } from "../../conformance/adapters/cloudrunMocks";
import { MOCK_AWS } from "../../conformance/adapters/ecsMocks";
import { rejectionOf } from "../../support/configProblems";
import { only, runStack, TEST_IMAGE } from "../../support/runStack";

const letters = (n: number) => `a${"b".repeat(n - 1)}`;

const stack = (platform: string, app: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  "skyport:platform": platform,
  "skyport:image": TEST_IMAGE,
  "skyport:app": { name: "shop-api", ...app },
  ...extra,
});
const ecs = (name: string) => stack("ecs", { name }, { "aws:region": MOCK_AWS.region });
const cloudRun = (name: string, environment = "staging", extra: Record<string, unknown> = {}) =>
  stack(
    "cloudrun",
    { name, cpu: 1, memory: 512 },
    {
      "gcp:project": MOCK_GCP.project,
      "skyport:environment": environment,
      "skyport:cloudrun": { region: "europe-west1" },
      ...extra,
    },
  );

describe("names a platform derives from app.name, within their clouds' limits", () => {
  it("fitName keeps a name that fits, and cuts a long one to the limit with a hash of the whole", () => {
    assert.equal(fitName("shop-api-staging", 30), "shop-api-staging");
    const long = fitName(`${letters(40)}-staging`, 30);
    assert.equal(long.length, 30);
    assert.match(long, /^ab{22}-[0-9a-f]{6}$/);
    assert.equal(fitName(`${letters(40)}-staging`, 30), long, "deterministic");
    assert.notEqual(fitName(`${letters(40)}-production`, 30), long, "two long names sharing a start differ");
  });

  it("ecs: refuses an app name whose load balancer (from 21 characters) or target group (from 22) breaks AWS's 32", async () => {
    await runStack(ecs(letters(20)));
    const at21 = (await rejectionOf(ecs(letters(21)))).lines;
    assert.deepEqual(at21, [
      `skyport:app.name: "${letters(21)}" is not allowed; expected a shorter name on ecs: the load balancer's name "${letters(21)}-alb-<7 random>" would be 33 characters, over AWS's limit of 32; an app name of at most 20 characters fits`,
    ]);
    const at22 = (await rejectionOf(ecs(letters(22)))).lines;
    assert.equal(at22.length, 2);
    assert.match(
      at22[1],
      /the target group's name ".*-tg-<7 random>" would be 33 characters, over AWS's limit of 32; an app name of at most 21 characters fits$/,
    );
  });

  it("cloudrun: names the environment in every project-wide name, so two environments never collide", async () => {
    const names = async (environment: string) => {
      const run = await runStack(
        cloudRun("shop-api", environment, { "skyport:registryAuth": { username: "u", password: "p" } }),
        {
          secretKeys: ["skyport:registryAuth"],
        },
      );
      const get = (type: string, key: string, name?: string) => only(run, type, name).inputs[key];
      return [
        get("gcp:cloudrunv2/service:Service", "name"),
        get("gcp:serviceaccount/account:Account", "accountId"),
        get("gcp:artifactregistry/repository:Repository", "repositoryId"),
        get("gcp:secretmanager/secret:Secret", "secretId", "shop-api-registry-password"),
      ];
    };
    const staging = await names("staging");
    assert.deepEqual(staging, [
      "shop-api-staging",
      "shop-api-staging",
      "shop-api-staging-ghcr-io",
      "shop-api-staging-registry-password",
    ]);
    const production = await names("production");
    for (const [i, name] of production.entries()) assert.notEqual(name, staging[i]);
  });

  it("cloudrun: refuses a service name over 49 characters, and shortens the account's id and display name itself", async () => {
    const lines = (await rejectionOf(cloudRun(letters(32), "e".repeat(17)))).lines;
    assert.deepEqual(lines, [
      `skyport:app.name: "${letters(32)}" is not allowed; expected a shorter name on cloudrun with environment '${"e".repeat(17)}': the Cloud Run service's name "${letters(32)}-${"e".repeat(17)}" would be 50 characters, over Cloud Run's limit of 49; an app name of at most 31 characters fits`,
    ]);
    const run = await runStack(cloudRun(letters(32), "e".repeat(16)));
    const account = only(run, "gcp:serviceaccount/account:Account").inputs as {
      accountId: string;
      displayName: string;
    };
    assert.match(account.accountId, /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    assert.equal(account.accountId.length, 30);
    assert.ok(Buffer.byteLength(account.displayName) <= 100, account.displayName);
  });

  it("kubernetes: refuses an app and environment whose pods' instance label passes 63 characters", async () => {
    const lines = (
      await rejectionOf(stack("kubernetes", { name: letters(32) }, { "skyport:environment": "e".repeat(31) }))
    ).lines;
    assert.equal(lines.length, 1);
    assert.match(
      lines[0],
      /the pods' label app\.kubernetes\.io\/instance's name ".*" would be 64 characters, over Kubernetes's limit of 63/,
    );
  });

  it("render: refuses a service name its onrender.com host label could not hold", async () => {
    const render = { "skyport:render": { ownerId: "tea-abc", plan: "starter", region: "frankfurt" } };
    const lines = (
      await rejectionOf(
        stack(
          "render",
          { name: letters(32), cpu: 0.5, memory: 512 },
          { ...render, "skyport:environment": "e".repeat(31) },
        ),
      )
    ).lines;
    assert.equal(lines.length, 1);
    assert.match(
      lines[0],
      /the web service \(its onrender\.com host\)'s name ".*" would be 64 characters, over DNS's limit of 63/,
    );
  });
});
