import assert from "node:assert/strict";
import { kubernetesStack, only, runStack, TEST_IMAGE, type TestRun } from "../../support/runStack";
import { rejectionOf } from "../../support/configProblems";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const STABLE_IMAGE = `ghcr.io/acme/skyport-app@sha256:${"5a".repeat(32)}`;
const INSTANCE = { "app.kubernetes.io/name": "shop-api", "app.kubernetes.io/instance": "shop-api-dev" };
const TRACK = "skyport.dev/track";

const inputs = (run: TestRun, type: string, name: string): any => only(run, type, name).inputs;
const imageOf = (deployment: any): string => deployment.spec.template.spec.containers[0].image;

/** A Kubernetes stack with a rollout, at a step when one is given. */
function stack(rollout: unknown, step?: { percent: number }, extra: Record<string, unknown> = {}) {
  return kubernetesStack({
    "skyport:environment": "dev",
    "skyport:app": { name: "shop-api", minInstances: 9, maxInstances: 12, rollout, ...extra },
    ...(step ? { "skyport:rolloutStep": { stable: STABLE_IMAGE, percent: step.percent } } : {}),
  });
}

const GATEWAY = {
  "skyport:kubernetes": { gateway: { name: "public", namespace: "gateways" } },
};

describe("kubernetes rollouts: canary and blue/green with Deployments, or a Gateway's weights", () => {
  it("keeps a rolling release as it was: one Deployment, no track label, the Service on every pod", async () => {
    const run = await runStack(stack(undefined));
    assert.equal(run.registrations.filter((r) => r.type === DEPLOYMENT).length, 1);
    const deployment = inputs(run, DEPLOYMENT, "shop-api-deployment");
    assert.equal(deployment.spec.template.metadata.labels[TRACK], undefined);
    assert.deepEqual(inputs(run, SERVICE, "shop-api-service").spec.selector, INSTANCE);
    assert.equal(run.outputs.candidateUrl, undefined);
  });

  describe("a canary at 10 % without a Gateway", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(stack({ strategy: "canary", steps: [10, 50] }, { percent: 10 }));
    });

    it("keeps the stable Deployment on the stable image, labelled stable, its replicas the autoscaler's", () => {
      const stable = only(run, DEPLOYMENT, "shop-api-deployment");
      assert.equal(imageOf(stable.inputs), STABLE_IMAGE);
      assert.equal((stable.inputs as any).spec.template.metadata.labels[TRACK], "stable");
      assert.deepEqual(stable.ignoreChanges, ["spec.replicas"]);
    });

    it("runs the candidate beside it, one pod in ten (1 beside 9), behind the same Service", () => {
      const candidate = inputs(run, DEPLOYMENT, "shop-api-candidate");
      assert.equal(candidate.metadata.name, "shop-api-candidate");
      assert.equal(imageOf(candidate), TEST_IMAGE);
      assert.equal(candidate.spec.replicas, 1);
      assert.deepEqual(candidate.spec.selector.matchLabels, { ...INSTANCE, [TRACK]: "candidate" });
      assert.deepEqual(inputs(run, SERVICE, "shop-api-service").spec.selector, INSTANCE);
    });

    it("gives the candidate its own Service, exposed as the app's: a load balancer for a public app without a domain", () => {
      const own = inputs(run, SERVICE, "shop-api-candidate-service");
      assert.equal(own.spec.type, "LoadBalancer");
      assert.equal(own.metadata.annotations["skyport-public"], "true", "its declared exposure, for the policy pack");
      assert.deepEqual(own.spec.selector, { ...INSTANCE, [TRACK]: "candidate" });
      assert.equal(typeof run.outputs.candidateUrl, "string");
      assert.match(run.outputs.candidateUrl as string, /^http:\/\//);
    });
  });

  it("keeps a private app's candidate in the cluster: a ClusterIP Service, whose address is the candidateUrl output", async () => {
    const run = await runStack(stack({ strategy: "canary" }, { percent: 10 }, { public: false }));
    const own = inputs(run, SERVICE, "shop-api-candidate-service");
    assert.equal(own.spec.type, "ClusterIP");
    assert.equal(run.outputs.candidateUrl, "http://shop-api-candidate.shop-api.svc.cluster.local");
  });

  it("sizes a canary by pod count: 50 % beside 9 is 9 pods, 10 % beside 2 is at least one", async () => {
    const half = await runStack(stack({ strategy: "canary", steps: [10, 50] }, { percent: 50 }));
    assert.equal(inputs(half, DEPLOYMENT, "shop-api-candidate").spec.replicas, 9);
    const small = await runStack(
      kubernetesStack({
        "skyport:app": { name: "shop-api", minInstances: 2, rollout: { strategy: "canary" } },
        "skyport:rolloutStep": { stable: STABLE_IMAGE, percent: 10 },
      }),
    );
    assert.equal(inputs(small, DEPLOYMENT, "shop-api-candidate").spec.replicas, 1);
  });

  it("deploys a canary whole without a step: the stable Deployment on the release, no candidate", async () => {
    const run = await runStack(stack({ strategy: "canary" }));
    assert.equal(run.registrations.filter((r) => r.type === DEPLOYMENT).length, 1);
    const stable = inputs(run, DEPLOYMENT, "shop-api-deployment");
    assert.equal(imageOf(stable), TEST_IMAGE);
    assert.equal(stable.spec.template.metadata.labels[TRACK], "stable");
    assert.equal(run.outputs.candidateUrl, undefined);
  });

  describe("a canary at 10 % through a Gateway", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack({
        ...stack({ strategy: "canary" }, { percent: 10 }, { domain: "shop.example.com" }),
        ...GATEWAY,
      });
    });

    it("weighs the two Services 90/10 in the HTTPRoute on the Gateway, for the domain", () => {
      const route = inputs(run, ROUTE, "shop-api-route");
      assert.deepEqual(route.spec.parentRefs, [{ name: "public", namespace: "gateways" }]);
      assert.deepEqual(route.spec.hostnames, ["shop.example.com"]);
      assert.deepEqual(route.spec.rules[0].backendRefs, [
        { name: "shop-api", port: 80, weight: 90 },
        { name: "shop-api-candidate", port: 80, weight: 10 },
      ]);
    });

    it("keeps the stable Service on the stable track, and serves the domain with no Ingress", () => {
      assert.deepEqual(inputs(run, SERVICE, "shop-api-service").spec.selector, { ...INSTANCE, [TRACK]: "stable" });
      assert.equal(inputs(run, SERVICE, "shop-api-service").spec.type, "ClusterIP");
      assert.equal(run.registrations.filter((r) => r.type === INGRESS).length, 0);
      assert.equal(run.outputs.url, "https://shop.example.com");
    });

    it("routes everything to the stable Service once the release is whole", async () => {
      const whole = await runStack({
        ...stack({ strategy: "canary" }, undefined, { domain: "shop.example.com" }),
        ...GATEWAY,
      });
      assert.deepEqual(inputs(whole, ROUTE, "shop-api-route").spec.rules[0].backendRefs, [
        { name: "shop-api", port: 80, weight: 100 },
      ]);
    });
  });

  describe("blue/green", () => {
    it("starts the candidate at full size beside the stable release, the Service still on stable", async () => {
      const run = await runStack(stack({ strategy: "blue-green" }, { percent: 0 }));
      assert.equal(inputs(run, DEPLOYMENT, "shop-api-candidate").spec.replicas, 9);
      assert.deepEqual(inputs(run, SERVICE, "shop-api-service").spec.selector, { ...INSTANCE, [TRACK]: "stable" });
    });

    it("switches the Service's selector to the candidate alone at 100", async () => {
      const run = await runStack(stack({ strategy: "blue-green" }, { percent: 100 }));
      assert.deepEqual(inputs(run, SERVICE, "shop-api-service").spec.selector, {
        ...INSTANCE,
        [TRACK]: "candidate",
      });
      assert.equal(imageOf(inputs(run, DEPLOYMENT, "shop-api-deployment")), STABLE_IMAGE);
    });

    it("deploys whole by rolling the stable track first, then moving the Service back to it", async () => {
      const run = await runStack(stack({ strategy: "blue-green" }));
      const stable = only(run, DEPLOYMENT, "shop-api-deployment");
      assert.equal(imageOf(stable.inputs), TEST_IMAGE);
      const service = only(run, SERVICE, "shop-api-service");
      assert.deepEqual((service.inputs as any).spec.selector, { ...INSTANCE, [TRACK]: "stable" });
      assert.ok(service.dependencies.includes(stable.urn), "the Service waits for the stable Deployment");
    });
  });

  it("refuses a step that is not the release's, a step of a rolling release, and a Gateway without a domain", async () => {
    const lines = async (config: Record<string, unknown>) => (await rejectionOf(config)).lines;
    assert.deepEqual(await lines(stack({ strategy: "canary", steps: [10, 50] }, { percent: 20 })), [
      `skyport:rolloutStep: {"stable":"${STABLE_IMAGE}","percent":20} is not allowed; expected a percent of the canary release's steps: 10, 50`,
    ]);
    assert.deepEqual(await lines(stack(undefined, { percent: 10 })), [
      `skyport:rolloutStep: {"stable":"${STABLE_IMAGE}","percent":10} is not allowed; expected no step: only a canary or blue-green release has steps, and this one is rolling`,
    ]);
    assert.deepEqual(await lines({ ...stack({ strategy: "canary" }), ...GATEWAY }), [
      "skyport:app.domain is required; expected a hostname: skyport:kubernetes.gateway (public) routes the app's domain through an HTTPRoute",
    ]);
  });
});
