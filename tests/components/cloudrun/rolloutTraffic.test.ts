import assert from "node:assert/strict";
import { only, runStack, TEST_IMAGE, type TestRun } from "../../support/runStack";

const SERVICE = "gcp:cloudrunv2/service:Service";
const STABLE_IMAGE = `ghcr.io/acme/skyport-app@sha256:${"5a".repeat(32)}`;
const STABLE_REVISION = "shop-api-staging-00007-abc";
const LATEST = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST";
const REVISION = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION";
/** The stack's last whole deploy, as a step reads it back through the stack's own outputs. */
const DEPLOYED = { "organization/skyport/test": { image: STABLE_IMAGE, stableRevision: STABLE_REVISION } };

const traffics = (run: TestRun): unknown => (only(run, SERVICE).inputs as any).traffics;

/** A Cloud Run stack with a rollout, at a step when one is given. */
function stack(rollout: unknown, percent?: number) {
  return {
    "gcp:project": "acme-prod",
    "skyport:platform": "cloudrun",
    "skyport:image": TEST_IMAGE,
    "skyport:environment": "staging",
    "skyport:app": { name: "shop-api", rollout },
    "skyport:cloudrun": { region: "europe-west1" },
    ...(percent === undefined ? {} : { "skyport:rolloutStep": { stable: STABLE_IMAGE, percent } }),
  };
}

describe("cloudrun rollouts: a tagged candidate revision and traffic steps", () => {
  it("sends a whole release all traffic on the latest revision, and records it as the stable revision", async () => {
    const run = await runStack(stack({ strategy: "canary" }), { deployedStacks: DEPLOYED });
    assert.deepEqual(traffics(run), [{ type: LATEST, percent: 100 }]);
    assert.equal(run.outputs.stableRevision, "shop-api-staging-00002-new", "the service's latest ready revision");
    assert.equal(run.outputs.candidateUrl, undefined);
  });

  describe("a canary at 10 %", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(stack({ strategy: "canary", steps: [10, 50] }, 10), { deployedStacks: DEPLOYED });
    });

    it("pins 90 % on the stable revision the last whole deploy recorded, and 10 % on the new one, tagged", () => {
      assert.deepEqual(traffics(run), [
        { type: REVISION, revision: STABLE_REVISION, percent: 90 },
        { type: LATEST, percent: 10, tag: "candidate" },
      ]);
    });

    it("reads the candidate's own URL back from the service's traffic statuses, and carries the stable revision on", () => {
      assert.equal(run.outputs.candidateUrl, "https://candidate---shop-api-staging-abc123-ew.a.run.app");
      assert.equal(run.outputs.stableRevision, STABLE_REVISION, "the next step pins the same one");
    });
  });

  it("creates blue/green's candidate tagged with no traffic, then switches all of it", async () => {
    const beside = await runStack(stack({ strategy: "blue-green" }, 0), { deployedStacks: DEPLOYED });
    assert.deepEqual(traffics(beside), [
      { type: REVISION, revision: STABLE_REVISION, percent: 100 },
      { type: LATEST, percent: 0, tag: "candidate" },
    ]);
    const switched = await runStack(stack({ strategy: "blue-green" }, 100), { deployedStacks: DEPLOYED });
    assert.deepEqual(traffics(switched), [{ type: LATEST, percent: 100, tag: "candidate" }]);
  });

  it("fails a step, naming the key, when the stack's last deploy recorded no stable revision", async () => {
    await assert.rejects(
      runStack(stack({ strategy: "canary" }, 10), {
        deployedStacks: { "organization/skyport/test": { image: STABLE_IMAGE } },
      }),
      /skyport:rolloutStep: Cloud Run pins the stable release by its revision.*deploy it whole once/,
    );
  });
});
