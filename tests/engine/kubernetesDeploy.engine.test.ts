import assert from "node:assert/strict";
import type { Release } from "../../tools/lib/deploy/stackState";
import { readReleaseRecord } from "../../tools/lib/deploy/stackState";
import type { EngineProject } from "../support/engine/engineProject";
import {
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
      await initKubernetesStack(engine, STACK, imageOf("a1"));
      release("A", "a1", {});
    });
    after(async () => {
      engine?.dispose();
      await standIn?.stop();
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
  });
});
