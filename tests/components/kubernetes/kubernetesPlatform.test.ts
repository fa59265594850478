import assert from "node:assert/strict";
import { OWNED_ANNOTATIONS } from "../../../components/kubernetes/labels";
import { APP_SHUTDOWN_GRACE_SECONDS } from "../../../components/contract/workload";
import { all, kubernetesStack, only, runStack, type TestRun } from "../../support/runStack";
import { MOCK_LOAD_BALANCER_HOSTNAME, mockAutoName } from "../../conformance/adapters/kubernetesMocks";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const SECRET = "kubernetes:core/v1:Secret";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

const inputs = (run: TestRun, type: string): any => only(run, type).inputs;
const podSpec = (run: TestRun): any => inputs(run, DEPLOYMENT).spec.template.spec;

describe("kubernetes platform", () => {
  describe("without a domain", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(kubernetesStack());
    });

    it("is one skyport:platform:Kubernetes component that owns every resource and registers its outputs", () => {
      const component = only(run, "skyport:platform:Kubernetes");
      assert.equal(component.name, "shop-api");
      for (const child of run.registrations.filter((r) => r.type.startsWith("kubernetes:"))) {
        assert.equal(child.parent, component.urn, `${child.type} is parented to the component`);
        assert.match(child.name, /^shop-api-/);
      }
      assert.equal(component.outputs?.url, `http://${MOCK_LOAD_BALANCER_HOSTNAME}`);
    });

    it("creates the namespace, named after the app by default", () => {
      assert.equal(inputs(run, "kubernetes:core/v1:Namespace").metadata.name, "shop-api");
      assert.equal(inputs(run, DEPLOYMENT).metadata.namespace, "shop-api");
    });

    it("exposes the app through a LoadBalancer Service and no Ingress", () => {
      const service = inputs(run, SERVICE);
      assert.equal(service.spec.type, "LoadBalancer");
      assert.deepEqual(service.spec.ports, [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
      assert.deepEqual(service.spec.selector, inputs(run, DEPLOYMENT).spec.selector.matchLabels);
      assert.equal(all(run, INGRESS).length, 0);
      assert.equal(run.outputs.url, `http://${MOCK_LOAD_BALANCER_HOSTNAME}`);
    });

    it("rolls out with no unavailable replica, and leaves the replica count to the autoscaler", () => {
      const deployment = only(run, DEPLOYMENT);
      const spec = (deployment.inputs as any).spec;
      assert.deepEqual(spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
      assert.equal(spec.replicas, 1);
      assert.deepEqual(deployment.ignoreChanges, ["spec.replicas"]);
    });

    it("probes the health path at start-up and for liveness, and the readiness path for traffic", () => {
      const container = podSpec(run).containers[0];
      assert.equal(container.startupProbe.httpGet.path, "/health");
      assert.equal(container.livenessProbe.httpGet.path, "/health");
      assert.equal(container.readinessProbe.httpGet.path, "/ready");
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        assert.equal(container[probe].httpGet.port, "http");
      }
    });

    it("runs locked down: non-root, read-only root, no privilege escalation, no capabilities", () => {
      const pod = podSpec(run);
      const container = pod.containers[0];
      assert.deepEqual(container.securityContext, {
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.deepEqual(pod.securityContext.seccompProfile, { type: "RuntimeDefault" });
      assert.equal(pod.automountServiceAccountToken, false);
    });

    it("waits longer than the app drains before killing a pod", () => {
      const pod = podSpec(run);
      const preStop = Number(pod.containers[0].lifecycle.preStop.exec.command[1]);
      assert.ok(pod.terminationGracePeriodSeconds > preStop + APP_SHUTDOWN_GRACE_SECONDS);
      const grace = pod.containers[0].env.find((e: { name: string }) => e.name === "SHUTDOWN_GRACE_MS");
      assert.equal(grace.value, String(APP_SHUTDOWN_GRACE_SECONDS * 1000));
    });

    it("sets requests equal to limits from cpu and memory", () => {
      const resources = podSpec(run).containers[0].resources;
      assert.deepEqual(resources.requests, { cpu: "1000m", memory: "2048Mi" });
      assert.deepEqual(resources.limits, resources.requests);
    });

    it("scales on CPU with an autoscaling/v2 HorizontalPodAutoscaler", () => {
      const hpa = inputs(run, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
      assert.equal(hpa.apiVersion, "autoscaling/v2");
      assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "shop-api" });
      assert.deepEqual(hpa.spec.metrics, [
        { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } },
      ]);
    });

    it("has no PodDisruptionBudget, no Secret and no explicit provider at one replica with no secrets", () => {
      assert.equal(all(run, PDB).length, 0);
      assert.equal(all(run, SECRET).length, 0);
      assert.equal(all(run, "pulumi:providers:kubernetes").length, 0);
      assert.deepEqual(podSpec(run).imagePullSecrets, []);
    });
  });

  describe("with a domain, TLS and several replicas", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(
        kubernetesStack({
          "skyport:app": { name: "shop-api", domain: "shop.example.com", minInstances: 3, maxInstances: 6 },
          "skyport:kubernetes": { namespace: "shop", ingressClass: "nginx", tlsIssuer: "letsencrypt" },
        }),
      );
    });

    it("serves the domain through an Ingress with its class and TLS, behind a ClusterIP Service", () => {
      const ingress = inputs(run, INGRESS);
      assert.equal(ingress.spec.ingressClassName, "nginx");
      assert.deepEqual(ingress.spec.tls, [{ hosts: ["shop.example.com"], secretName: "shop-api-tls" }]);
      assert.equal(ingress.spec.rules[0].host, "shop.example.com");
      assert.deepEqual(ingress.spec.rules[0].http.paths[0].backend, {
        service: { name: "shop-api", port: { name: "http" } },
      });
      assert.equal(ingress.metadata.annotations["cert-manager.io/cluster-issuer"], "letsencrypt");
      assert.equal(inputs(run, SERVICE).spec.type, "ClusterIP");
      assert.equal(run.outputs.url, "https://shop.example.com");
    });

    it("uses the namespace given, and protects replicas with a PodDisruptionBudget", () => {
      assert.equal(inputs(run, "kubernetes:core/v1:Namespace").metadata.name, "shop");
      const pdb = inputs(run, PDB);
      assert.equal(pdb.metadata.namespace, "shop");
      assert.equal(pdb.spec.maxUnavailable, 1);
      assert.deepEqual(pdb.spec.selector.matchLabels, inputs(run, DEPLOYMENT).spec.selector.matchLabels);
      assert.equal(inputs(run, DEPLOYMENT).spec.replicas, 3);
    });
  });

  it("adds no cert-manager annotation without an issuer, and keeps the TLS block", async () => {
    const run = await runStack(kubernetesStack({ "skyport:app": { name: "shop-api", domain: "shop.example.com" } }));
    const ingress = inputs(run, INGRESS);
    assert.deepEqual(ingress.metadata.annotations, OWNED_ANNOTATIONS, "only the provider's own annotations");
    assert.equal(ingress.spec.ingressClassName, undefined);
    assert.equal(ingress.spec.tls[0].secretName, "shop-api-tls");
  });

  it("uses an existing namespace without creating it", async () => {
    const run = await runStack(
      kubernetesStack({ "skyport:kubernetes": { namespace: "team-a", createNamespace: false } }),
    );
    assert.equal(all(run, "kubernetes:core/v1:Namespace").length, 0);
    for (const type of [DEPLOYMENT, SERVICE, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"]) {
      assert.equal(inputs(run, type).metadata.namespace, "team-a", type);
    }
  });

  it("keeps secret env in a Secret and reads it by reference", async () => {
    const run = await runStack(kubernetesStack({ "skyport:secrets": { API_TOKEN: "t0ken-value" } }), {
      secretKeys: ["skyport:secrets"],
    });
    const secret = only(run, SECRET);
    assert.equal((secret.inputs as any).type, "Opaque");
    assert.equal((secret.inputs as any).stringData, "[secret]");
    assert.deepEqual((run.providerInputsOf(secret) as any).stringData, { API_TOKEN: "t0ken-value" });
    const env = podSpec(run).containers[0].env;
    assert.deepEqual(
      env.find((e: { name: string }) => e.name === "API_TOKEN"),
      { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: mockAutoName("shop-api-env"), key: "API_TOKEN" } } },
      "the Secret's name, as the provider gave it",
    );
    assert.equal((secret.inputs as any).metadata.name, undefined, "left to the provider, so a new value renames it");
    assert.ok(!JSON.stringify(run.registrations.map((r) => r.inputs)).includes("t0ken-value"));
  });

  it("pulls private images with the pull secrets given and one made from skyport:registryAuth for the image's registry", async () => {
    const run = await runStack(
      kubernetesStack({
        "skyport:kubernetes": { imagePullSecrets: ["ghcr-existing"] },
        "skyport:registryAuth": { username: "ci-bot", password: "ghp-pass-123" },
      }),
      { secretKeys: ["skyport:registryAuth"] },
    );
    const pull = all(run, SECRET).find((s) => (s.inputs as any).type === "kubernetes.io/dockerconfigjson");
    assert.ok(pull);
    assert.equal((pull.inputs as any).stringData, "[secret]");
    const dockerConfig = JSON.parse((run.providerInputsOf(pull) as any).stringData[".dockerconfigjson"]);
    assert.deepEqual(dockerConfig.auths["ghcr.io"], {
      username: "ci-bot",
      password: "ghp-pass-123",
      auth: Buffer.from("ci-bot:ghp-pass-123").toString("base64"),
    });
    assert.deepEqual(podSpec(run).imagePullSecrets, [{ name: "ghcr-existing" }, { name: "shop-api-registry" }]);
    assert.ok(!JSON.stringify(run.registrations.map((r) => r.inputs)).includes("ghp-pass-123"));
  });

  it("files Docker Hub credentials under the key the kubelet uses for every Docker Hub image", async () => {
    const run = await runStack(
      kubernetesStack({
        "skyport:image": `docker.io/acme/app@sha256:${"d".repeat(64)}`,
        "skyport:registryAuth": { username: "ci-bot", password: "dckr-pat-1" },
      }),
      { secretKeys: ["skyport:registryAuth"] },
    );
    const pull = all(run, SECRET).find((s) => (s.inputs as any).type === "kubernetes.io/dockerconfigjson");
    const dockerConfig = JSON.parse((run.providerInputsOf(pull!) as any).stringData[".dockerconfigjson"]);
    assert.deepEqual(Object.keys(dockerConfig.auths), ["https://index.docker.io/v1/"]);
  });

  it("deploys through a provider built from a secret kubeconfig when one is given", async () => {
    const run = await runStack(
      kubernetesStack({ "skyport:kubernetes": { kubeconfig: "apiVersion: v1\nkind: Config\n" } }),
      {
        secretKeys: ["skyport:kubernetes"],
      },
    );
    const provider = only(run, "pulumi:providers:kubernetes");
    assert.equal((provider.inputs as any).kubeconfig, "[secret]");
    for (const child of run.registrations.filter((r) => r.type.startsWith("kubernetes:"))) {
      assert.ok(child.provider?.startsWith(`${provider.urn}::`), `${child.type} uses the kubeconfig provider`);
    }
  });
});
