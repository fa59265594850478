import assert from "node:assert/strict";
import { rejectionOf } from "../../support/configProblems";
import { TEST_IMAGE } from "../../support/runStack";
import { MOCK_AWS } from "../../conformance/adapters/ecsMocks";

/** An ECS stack with the given app and block. */
const ecsStack = (app: Record<string, unknown>, ecs: Record<string, unknown> = {}) => ({
  "aws:region": MOCK_AWS.region,
  "skyport:platform": "ecs",
  "skyport:image": TEST_IMAGE,
  "skyport:app": { name: "shop-api", ...app },
  "skyport:ecs": ecs,
});

describe("platform cross-checks, reported with every other problem", () => {
  it("reports Fargate's cpu/memory rule while the app and the block have problems of their own", async () => {
    const { lines } = await rejectionOf(ecsStack({ name: "Shop", cpu: 1, memory: 1000 }, { secretStore: "vault" }));
    assert.deepEqual(lines.map((line) => line.split(":").slice(0, 2).join(":")).sort(), [
      "skyport:app.memory",
      "skyport:app.name",
      "skyport:ecs.secretStore",
    ]);
    assert.ok(
      lines.some((line) => line.startsWith("skyport:app.memory: 1000 is not allowed; expected with cpu 1 on Fargate")),
    );
  });

  it("reports Render's plan rule while the owner id is bad, and while the image is not known yet", async () => {
    const { lines } = await rejectionOf({
      "skyport:platform": "render",
      "skyport:app": { name: "shop-api", cpu: 1, memory: 2048 },
      "skyport:render": { ownerId: "nobody", plan: "starter", region: "frankfurt" },
    });
    assert.ok(lines.some((line) => line.startsWith('skyport:render.ownerId: "nobody" is not allowed')));
    assert.ok(
      lines.some((line) =>
        line.startsWith(
          'skyport:render.plan: "starter" is not allowed; expected a plan with at least 1 vCPU and 2048 MiB',
        ),
      ),
    );
  });

  it("skips a rule that would read an invalid value, so nothing is guessed or said twice", async () => {
    const { lines } = await rejectionOf(
      ecsStack({ domain: "Not A Host", memory: 100 }, { certificateArn: "arn:aws:acm:eu-west-1:1:certificate/x" }),
    );
    assert.equal(lines.length, 2, lines.join("\n"));
    assert.ok(lines[0].startsWith("skyport:app.memory: 100 is not allowed; expected a whole number from 128"));
    assert.ok(lines[1].startsWith('skyport:app.domain: "Not A Host" is not allowed'));
  });

  it("still reads the block when the whole app is missing, and the app when the block is", async () => {
    const { "skyport:app": _app, ...withoutApp } = ecsStack({}, { vpcId: "vpc-1" });
    const noApp = await rejectionOf(withoutApp);
    assert.ok(noApp.lines.some((line) => line.startsWith("skyport:app is required")));
    assert.ok(noApp.lines.some((line) => line.startsWith("skyport:ecs.vpcId")));
    const noBlock = await rejectionOf({
      "skyport:platform": "render",
      "skyport:image": TEST_IMAGE,
      "skyport:app": { name: "shop-api", minInstances: 0 },
    });
    assert.ok(noBlock.lines.some((line) => line.startsWith("skyport:render is required")));
    assert.ok(noBlock.lines.includes("skyport:app.minInstances: 0 is not allowed; expected at least 1 on render"));
  });
});
