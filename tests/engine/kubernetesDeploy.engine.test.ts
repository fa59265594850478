import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Release } from "../../tools/lib/deploy/stackState";
import { readReleaseRecord } from "../../tools/lib/deploy/stackState";
import type { EngineProject } from "../support/engine/engineProject";
import {
  CANDIDATE_ADDRESS,
  initKubernetesStack,
  kubernetesEngine,
  kubernetesEngineMissing,
  type KubernetesTestbed,
  LOAD_BALANCER_ADDRESS,
  readDeployment,
  rolledOutImage,
  startKubernetesTestbed,
} from "../support/engine/kubernetesStacks";
import { imageOf, ReleaseHarness } from "../support/engine/releaseHarness";
import { FakeGitHub } from "../support/fakeGitHub";
import { LiveAppStandIn } from "../support/liveAppStandIn";
import { tierNeedingTool } from "../support/tierNotices";

const TIER = "engine tier: deploy, smoke test and rollback on the real Kubernetes provider";
const STACK = "example-kubernetes";
const NAMESPACE = "shop-dev";

tierNeedingTool(TIER, kubernetesEngineMissing(), () => {
  describe(TIER, function () {
    this.timeout(300_000);
    let testbed: KubernetesTestbed;
    let engine: EngineProject;
    let github: FakeGitHub;
    let harness: ReleaseHarness;
    let standIn: LiveAppStandIn;
    let candidateStandIn: LiveAppStandIn;
    /** What the candidate's stand-in saw each time the candidate's url was asked: the step's pods. */
    const seenAtCandidate: Array<{ candidateReplicas?: number; stableImage?: string }> = [];
    const canary = (config: Record<string, any>) => {
      config["skyport:app"].rollout = { strategy: "canary", steps: [50], bakeMinutes: 0 };
    };
    const releases: Record<string, Release> = {};
    const release: ReleaseHarness["release"] = (name, ...rest) => (releases[name] = harness.release(name, ...rest));
    const container = async () => (await readDeployment(testbed, NAMESPACE))?.spec?.template.spec?.containers[0];

    before(async () => {
      testbed = await startKubernetesTestbed();
      github = await new FakeGitHub().start();
      engine = await kubernetesEngine(testbed);
      harness = new ReleaseHarness(engine, github, STACK);
      // The app behind the load balancer's address, answering as the build the Deployment has
      // rolled out everywhere: what a smoke test of the stack's url reaches on a cluster.
      standIn = new LiveAppStandIn(
        async () => rolledOutImage(await readDeployment(testbed, NAMESPACE)),
        harness.builds,
        { host: LOAD_BALANCER_ADDRESS, port: 80 },
      );
      await standIn.start();
      // The candidate's own load balancer: the app as the candidate Deployment has rolled it out.
      candidateStandIn = new LiveAppStandIn(
        async () => {
          const candidate = await readDeployment(testbed, NAMESPACE, "shop-api-candidate");
          const stable = await readDeployment(testbed, NAMESPACE);
          seenAtCandidate.push({
            candidateReplicas: candidate?.spec?.replicas,
            stableImage: rolledOutImage(stable),
          });
          return rolledOutImage(candidate);
        },
        harness.builds,
        { host: CANDIDATE_ADDRESS, port: 80 },
      );
      await candidateStandIn.start();
      await initKubernetesStack(engine, STACK, imageOf("a1"));
      release("A", "a1", {});
    });
    after(async () => {
      engine?.dispose();
      await standIn?.stop();
      await candidateStandIn?.stop();
      await github?.stop();
      await testbed?.stop();
    });

    it("deploys release A: up waits for the rollout, the smoke test of the load balancer's url passes, a GitHub deployment records it", async () => {
      const outcome = await harness.deploy(releases.A);
      assert.equal(outcome.kind, "deployed", JSON.stringify(outcome));
      assert.equal(outcome.kind === "deployed" ? outcome.url : "", `http://${LOAD_BALANCER_ADDRESS}`);
      assert.equal(rolledOutImage(await readDeployment(testbed, NAMESPACE)), releases.A.image);
      assert.deepEqual(await readReleaseRecord({ stack: STACK, projectDir: engine.dir, env: engine.env }), {
        deployed: releases.A,
        good: releases.A,
      });
      assert.deepEqual(harness.deploymentsOf(releases.A.commit), [["in_progress", "success"]]);
    });

    it("rolls back whole when release B (a new env var, another health path) fails its smoke test: the Deployment runs A's image, env and probes again", async () => {
      const b = release("B", "b2", { healthy: false }, (config) => {
        config["skyport:app"].env.FEATURE = "b";
        config["skyport:app"].healthCheckPath = "/healthz";
      });
      const outcome = await harness.deploy(b);
      assert.equal(outcome.kind, "rolled-back", JSON.stringify(outcome));
      assert.ok(outcome.kind === "rolled-back");
      assert.deepEqual([outcome.failed, outcome.release], [b, releases.A]);
      assert.match(outcome.reason, /smoke test of http:\/\/127\.0\.0\.1 failed after \d+ tries: \/health answered 500/);
      assert.equal(rolledOutImage(await readDeployment(testbed, NAMESPACE)), releases.A.image, "A runs everywhere");
      const app = await container();
      assert.equal(
        app?.env?.find((variable) => variable.name === "FEATURE"),
        undefined,
        "B's env var is gone",
      );
      assert.equal(app?.livenessProbe?.httpGet?.path, "/health", "A's health path is back");
      assert.deepEqual(await readReleaseRecord({ stack: STACK, projectDir: engine.dir, env: engine.env }), {
        deployed: releases.A,
        good: releases.A,
      });
      assert.deepEqual(harness.deploymentsOf(b.commit), [["in_progress", "failure"]]);
    });

    it("walks release C's canary beside A: the 50 % step's candidate passes its smoke test at its own Service, then C deploys whole", async () => {
      const c = release("C", "c3", {}, canary);
      seenAtCandidate.length = 0;
      const lines: string[] = [];
      const outcome = await harness.deploy(c, {
        log: (line) => lines.push(line),
        smoke: { timeoutMs: 60_000, intervalMs: 500 },
      });
      assert.equal(outcome.kind, "deployed", JSON.stringify(outcome));
      assert.ok(outcome.kind === "deployed");
      assert.deepEqual(
        outcome.steps.map((step) => [step.label, step.passed]),
        [
          ["step 1 of 2: 50 %", true],
          ["step 2 of 2: whole", true],
        ],
      );
      assert.ok(lines.includes(`${STACK}: step 1 of 2: 50 %`), lines.join("\n"));
      const atStep = seenAtCandidate.at(-1);
      assert.deepEqual(
        atStep,
        { candidateReplicas: 1, stableImage: releases.A.image },
        "one candidate pod beside A's one",
      );
      assert.equal(rolledOutImage(await readDeployment(testbed, NAMESPACE)), c.image, "the stable track runs C");
      assert.equal(await readDeployment(testbed, NAMESPACE, "shop-api-candidate"), undefined, "the candidate is gone");
      const services = await testbed.core.listNamespacedService({ namespace: NAMESPACE });
      assert.deepEqual(
        services.items.map((service) => service.metadata?.name),
        ["shop-api"],
        "the candidate's Service is gone",
      );
      assert.deepEqual(await readReleaseRecord({ stack: STACK, projectDir: engine.dir, env: engine.env }), {
        deployed: c,
        good: c,
      });
    });

    it("rolls back when release D's canary candidate fails its smoke test: all traffic stays on C, and D never reaches the stable track", async () => {
      const d = release("D", "d4", { healthy: false });
      const outcome = await harness.deploy(d);
      assert.equal(outcome.kind, "rolled-back", JSON.stringify(outcome));
      assert.ok(outcome.kind === "rolled-back");
      assert.match(
        outcome.reason,
        /^example-kubernetes: step 1 of 2: 50 %: the candidate: smoke test of http:\/\/127\.0\.0\.2 failed after \d+ tries: \/health answered 500/,
      );
      assert.deepEqual(
        outcome.steps.map((step) => [step.label, step.passed]),
        [["step 1 of 2: 50 %", false]],
      );
      assert.equal(
        rolledOutImage(await readDeployment(testbed, NAMESPACE)),
        releases.C.image,
        "C runs the stable track",
      );
      assert.equal(await readDeployment(testbed, NAMESPACE, "shop-api-candidate"), undefined, "D's candidate is gone");
      assert.deepEqual(await readReleaseRecord({ stack: STACK, projectDir: engine.dir, env: engine.env }), {
        deployed: releases.C,
        good: releases.C,
      });
    });

    it("plans release E for approval as the canary's first step, and the deploy applies that plan, then the rest of the walk", async () => {
      const e = release("E", "e5", {});
      const planFile = join(engine.dir, "..", "canary.plan.json");
      const planned = await harness.plan(e, planFile);
      assert.equal(planned.kind, "planned", JSON.stringify(planned));
      assert.ok(planned.kind === "planned");
      assert.equal(planned.ok, true, planned.preview.error);
      assert.match(
        planned.report,
        /Rollout: canary: 50 % → whole, each step smoke-tested and held healthy for 0 min\. This plan is its first step, 50 %;/,
      );
      assert.match(planned.report, /\*\*Rollout\*\*\n\n- `example-kubernetes`: canary: 50 % → whole/);
      assert.match(planned.report, /\| create \| `kubernetes:apps\/v1:Deployment` \| `shop-api-candidate` \|/);
      assert.ok(readFileSync(planFile, "utf8").includes(releases.C.image), "the plan keeps C on the stable track");

      const outcome = await harness.deploy(e, { planFile, smoke: { timeoutMs: 60_000, intervalMs: 500 } });
      assert.equal(outcome.kind, "deployed", JSON.stringify(outcome));
      assert.ok(outcome.kind === "deployed");
      assert.deepEqual(
        outcome.steps.map((step) => step.passed),
        [true, true],
      );
      assert.equal(rolledOutImage(await readDeployment(testbed, NAMESPACE)), e.image);
    });
  });
});
