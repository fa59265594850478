import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { stepsSummary } from "../../tools/deploy/cli";
import { readStackPreview } from "../../tools/lib/report/previewDocument";
import { renderReport } from "../../tools/lib/report/renderComment";
import { describeWalk, readRolloutWalk, rolloutOfConfig, walkOf } from "../../tools/lib/rollout/rolloutWalk";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import { bake } from "../../tools/lib/smoke/bake";

const GOOD = { commit: "a".repeat(40), image: `ghcr.io/acme/shop-app@sha256:${"a".repeat(64)}` };
const NEXT = { commit: "b".repeat(40), image: `ghcr.io/acme/shop-app@sha256:${"b".repeat(64)}` };
const app = (rollout: unknown) => ({ "skyport:app": { name: "shop", rollout } });

describe("rollout walk: what npm run deploy walks", () => {
  it("reads a stack's rollout with the contract's defaults, from a stack file's object or a preview's JSON", () => {
    assert.deepEqual(rolloutOfConfig(app({ strategy: "canary" })), {
      strategy: "canary",
      steps: [10, 50],
      bakeMinutes: 5,
      stepsBy: "deploy",
    });
    assert.deepEqual(
      rolloutOfConfig({ "skyport:app": JSON.stringify({ rollout: { strategy: "blue-green", bakeMinutes: 2 } }) }),
      { strategy: "blue-green", steps: [0, 100], bakeMinutes: 2, stepsBy: "deploy" },
    );
    assert.deepEqual(rolloutOfConfig({ "skyport:app": { name: "shop" } }).steps, []);
    assert.deepEqual(readRolloutWalk(PROJECT_DIR, "example-kubernetes").strategy, "rolling");
  });

  it("walks no steps for a rollout the schema or the platform refuses, so the program's own refusal is what the deploy reports", () => {
    assert.deepEqual(rolloutOfConfig(app({ strategy: "canary", steps: [50, 10] })).steps, []);
    assert.deepEqual(rolloutOfConfig(app({ strategy: "sideways" })).steps, []);
    assert.deepEqual(rolloutOfConfig({ "skyport:platform": "render", ...app({ strategy: "canary" }) }).steps, []);
  });

  it("walks beside the last good release, and deploys whole with none, on a redeploy and on a rollback", () => {
    const walk = rolloutOfConfig(app({ strategy: "canary", steps: [25] }));
    assert.deepEqual(walkOf(walk, NEXT, GOOD, false), { ...walk, stable: GOOD.image });
    assert.equal(walkOf(walk, NEXT, undefined, false), undefined, "a first deploy");
    assert.equal(walkOf(walk, GOOD, GOOD, false), undefined, "the image it runs");
    assert.equal(walkOf(walk, NEXT, GOOD, true), undefined, "a rollback");
    assert.equal(walkOf(rolloutOfConfig(app({})), NEXT, GOOD, false), undefined, "rolling");
  });

  it("leaves the steps to a platform that shifts traffic itself (ECS): the deploy applies the release once", () => {
    const walk = rolloutOfConfig({ "skyport:platform": "ecs", ...app({ strategy: "canary", steps: [10] }) });
    assert.deepEqual(walk, { strategy: "canary", steps: [10], bakeMinutes: 5, stepsBy: "platform" });
    assert.equal(walkOf(walk, NEXT, GOOD, false), undefined);
    assert.equal(
      describeWalk(walk),
      "canary: 10 % → whole, shifted by the platform within one deployment, each step held 5 min",
    );
  });

  it("says the walk as the log, the approval and the comment show it", () => {
    assert.equal(
      describeWalk(rolloutOfConfig(app({ strategy: "canary", steps: [10, 50], bakeMinutes: 5 }))),
      "canary: 10 % → 50 % → whole, each step smoke-tested and held healthy for 5 min",
    );
    assert.equal(
      describeWalk(rolloutOfConfig(app({ strategy: "blue-green", bakeMinutes: 1 }))),
      "blue-green: beside (0 %) → switched (100 %) → whole, each step smoke-tested and held healthy for 1 min",
    );
  });

  it("puts the walked steps in the job summary as a table, each cell inert", () => {
    const summary = stepsSummary("production", [
      { label: "step 1 of 2: 10 %", passed: true, detail: "ok" },
      { label: "step 2 of 2: whole", passed: false, detail: "smoke test | failed <b>" },
    ]);
    assert.match(summary, /^### Rollout of production\n\n\| Step \| Result \| Detail \|/);
    assert.match(summary, /\| step 2 of 2: whole \| failed \| smoke test \\\| failed &lt;b&gt; \|/);
    assert.equal(stepsSummary("production", []), "");
  });

  it("shows each walking stack's rollout plan in the PR comment, and nothing for rolling stacks", () => {
    const document = (rollout: unknown) =>
      JSON.stringify({
        config: { "skyport:platform": "kubernetes", "skyport:app": JSON.stringify({ rollout }) },
        steps: [],
      });
    const report = renderReport([
      readStackPreview("production", document({ strategy: "canary", steps: [10, 50] })),
      readStackPreview("staging", document({ strategy: "rolling" })),
    ]);
    assert.match(report, /\*\*Rollout\*\*\n\n- `production`: canary: 10 % → 50 % → whole, each step smoke-tested/);
    assert.doesNotMatch(report, /`staging`: rolling/);
    assert.doesNotMatch(renderReport([readStackPreview("staging", document({}))]), /\*\*Rollout\*\*/);
  });
});

describe("bake: a rollout step held healthy", () => {
  let server: Server;
  let url = "";
  let failing = 0;
  before(async () => {
    server = createServer((req, res) => {
      const unhealthy = req.url === "/health" && failing > 0;
      if (unhealthy) failing--;
      res.writeHead(unhealthy ? 500 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ commit: "abc" }));
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it("passes once the time is up with every target healthy, after checking more than once", async () => {
    const lines: string[] = [];
    failing = 1;
    const started = Date.now();
    const result = await bake({
      targets: [{ url, commit: "abc" }],
      durationMs: 300,
      intervalMs: 50,
      log: (l) => lines.push(l),
    });
    assert.equal(result, undefined);
    assert.ok(Date.now() - started >= 300, "it held the step for its bake time");
    assert.equal(lines.length, 1, "one lost answer is logged, and does not fail the step");
  });

  it("fails when a target fails twice in a row, naming it and why", async () => {
    failing = 2;
    const result = await bake({ targets: [{ url }], durationMs: 5000, intervalMs: 20, log: () => undefined });
    assert.equal(result, `${url} failed twice in a row while the step baked: /health answered 500`);
  });

  it("fails on the candidate's commit as the smoke test does", async () => {
    failing = 0;
    const result = await bake({
      targets: [{ url, commit: "other" }],
      durationMs: 5000,
      intervalMs: 20,
      log: () => undefined,
    });
    assert.match(result ?? "", /\/api\/version reports commit abc, not other$/);
  });
});
