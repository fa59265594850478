import assert from "node:assert/strict";
import { type KubernetesObject, Watch } from "@kubernetes/client-node";
import type { ClusterClient } from "../support/kube/clusterClient";
import { describeKubeTier, eventually } from "../support/kube/kubeTier";
import { type ProgramObject, programObjects, stackConfig } from "../support/kube/programObjects";
import { mockAutoName } from "../conformance/adapters/kubernetesMocks";

const TIER = "Kubernetes tier: the program's objects on a real kube-apiserver";
const IMAGE_A = `ghcr.io/acme/skyport-app@sha256:${"a1".repeat(32)}`;
const IMAGE_B = `ghcr.io/acme/skyport-app@sha256:${"b2".repeat(32)}`;
const SECRETS = { API_TOKEN: "tok-kube-4e1d", DB_PASSWORD: "pw-kube-77c2" };
const REGISTRY_PASSWORD = "ghp-kube-registry-9a0f";

/** The example-kubernetes stack file, deployed with an image as the pipeline names it. */
function exampleStack(image: string): Record<string, unknown> {
  return { ...stackConfig("example-kubernetes"), "skyport:image": image };
}

/** Everything a stack can ask of the Kubernetes platform, into a namespace that already exists. */
function fullFeatureConfig(image: string): Record<string, unknown> {
  return {
    "skyport:platform": "kubernetes",
    "skyport:image": image,
    "skyport:app": {
      name: "shop-api",
      port: 3000,
      cpu: 0.25,
      memory: 256,
      minInstances: 2,
      maxInstances: 4,
      targetCpuPercent: 60,
      domain: "shop.example.test",
      env: { LOG_LEVEL: "info" },
    },
    "skyport:secrets": SECRETS,
    "skyport:kubernetes": {
      namespace: "shop-full",
      createNamespace: false,
      ingressClass: "nginx",
      tlsIssuer: "letsencrypt",
    },
    "skyport:registryAuth": { username: "ci-bot", password: REGISTRY_PASSWORD },
  };
}

const SECRET_KEYS = ["skyport:secrets", "skyport:kubernetes", "skyport:registryAuth"];

const byKind = (objects: ProgramObject[], kind: string) => {
  const found = objects.filter((o) => o.kind === kind);
  assert.ok(found.length > 0, `the program registers a ${kind}`);
  return found;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check returns a value, or fails saying what was awaited. */
interface DeploymentStatus {
  metadata: { generation?: number };
  spec: { replicas?: number; template: { spec: { containers: Array<{ image: string; env?: unknown[] }> } } };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: Array<{ type: string; status: string }>;
  };
}

/** Every pod of the new template ready, none of the old left. */
function rolledOut(deployment: DeploymentStatus, image: string): boolean {
  const want = deployment.spec.replicas ?? 1;
  const status = deployment.status ?? {};
  return (
    deployment.spec.template.spec.containers[0].image === image &&
    status.observedGeneration === deployment.metadata.generation &&
    status.updatedReplicas === want &&
    status.availableReplicas === want &&
    status.replicas === want
  );
}

/** The kinds the program or its controllers leave in a namespace. */
const NAMESPACED_KINDS: Array<[string, string]> = [
  ["v1", "Pod"],
  ["apps/v1", "ReplicaSet"],
  ["apps/v1", "Deployment"],
  ["v1", "Service"],
  ["v1", "Secret"],
  ["autoscaling/v2", "HorizontalPodAutoscaler"],
  ["policy/v1", "PodDisruptionBudget"],
  ["networking.k8s.io/v1", "Ingress"],
  ["discovery.k8s.io/v1", "EndpointSlice"],
];

async function remainingIn(client: ClusterClient, namespace: string): Promise<string[]> {
  const names: string[] = [];
  for (const [apiVersion, kind] of NAMESPACED_KINDS) {
    const list = await client.objects.list(apiVersion, kind, namespace);
    names.push(...list.items.map((item) => `${kind}/${item.metadata?.name}`));
  }
  return names;
}

/**
 * Watches one Deployment until `done` holds, and returns its available replica counts in the
 * order the API server reported them. A watch the server ends early is started again.
 */
async function watchDeployment(
  client: ClusterClient,
  namespace: string,
  name: string,
  done: (deployment: DeploymentStatus) => boolean,
  timeoutMs: number,
): Promise<number[]> {
  const available: number[] = [];
  const deadline = Date.now() + timeoutMs;
  const errors: string[] = [];
  while (Date.now() < deadline) {
    const finished = await new Promise<boolean>((resolve) => {
      let over = false;
      let request: AbortController | undefined;
      const end = (value: boolean) => {
        if (over) return;
        over = true;
        clearTimeout(timer);
        request?.abort();
        resolve(value);
      };
      const timer = setTimeout(() => end(false), Math.max(0, deadline - Date.now()));
      new Watch(client.config)
        .watch(
          `/apis/apps/v1/namespaces/${namespace}/deployments`,
          { fieldSelector: `metadata.name=${name}` },
          (type, object: DeploymentStatus & { message?: string }) => {
            if (type === "ERROR") return void errors.push(object.message ?? JSON.stringify(object));
            available.push(object.status?.availableReplicas ?? 0);
            if (done(object)) end(true);
          },
          () => end(false),
        )
        .then(
          (started) => {
            request = started;
            if (over) started.abort();
          },
          (err: unknown) => {
            errors.push(String(err));
            end(false);
          },
        );
    });
    if (finished) return available;
    await sleep(250);
  }
  assert.fail(
    `no rollout within ${timeoutMs / 1000} s; available went ${available.join(",")}; watch errors: ${errors.join("; ")}`,
  );
}

async function deleteAll(client: ClusterClient, objects: ProgramObject[]): Promise<void> {
  for (const object of [...objects].reverse()) await client.delete(object);
}

describeKubeTier(TIER, (kube) => {
  describe("the example-kubernetes stack", () => {
    let objects: ProgramObject[];
    before(async () => {
      objects = await programObjects(exampleStack(IMAGE_A), { stack: "example-kubernetes" });
    });

    it("applies every object the program registers with server-side apply, none refused, no warnings", async () => {
      assert.deepEqual(objects.map((o) => o.kind).sort(), [
        "Deployment",
        "HorizontalPodAutoscaler",
        "Namespace",
        "Service",
      ]);
      const applied = await kube.client.applyAll(objects);
      assert.equal(applied.length, objects.length);
      const [service] = byKind(objects, "Service");
      const stored = await kube.client.read<{ spec: { type: string; clusterIP?: string } } & KubernetesObject>(service);
      assert.equal(stored.spec.type, "LoadBalancer");
      assert.match(stored.spec.clusterIP ?? "", /^10\.96\./, "the API server defaulted and allocated it");
    });

    it("rolls the Deployment out: Available, with minInstances ready replicas", async () => {
      const [deployment] = byKind(objects, "Deployment");
      const live = await eventually("Deployment Available", async () => {
        const read = await kube.client.read<DeploymentStatus & KubernetesObject>(deployment);
        return read.status?.conditions?.some((c) => c.type === "Available" && c.status === "True") ? read : undefined;
      });
      assert.equal(live.status?.readyReplicas, 1);
    });

    it("deletes its objects, and the namespace it created is gone", async () => {
      await deleteAll(kube.client, objects);
      const [namespace] = byKind(objects, "Namespace");
      await eventually("the namespace removed", async () => {
        const list = await kube.client.objects.list("v1", "Namespace");
        return list.items.some((n) => n.metadata?.name === namespace.metadata.name) ? undefined : true;
      });
    });
  });

  describe("a full-feature stack into an existing namespace", () => {
    let objects: ProgramObject[];
    before(async () => {
      await kube.client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop-full" } });
      objects = await programObjects(fullFeatureConfig(IMAGE_A), { secretKeys: SECRET_KEYS });
    });

    it("applies every object (secrets, pull secret, TLS Ingress with its class, PDB), none refused, no warnings", async () => {
      assert.deepEqual(objects.map((o) => `${o.kind} ${o.metadata.name}`).sort(), [
        "Deployment shop-api",
        "HorizontalPodAutoscaler shop-api",
        "Ingress shop-api",
        "PodDisruptionBudget shop-api",
        `Secret ${mockAutoName("shop-api-env")}`,
        "Secret shop-api-registry",
        "Service shop-api",
      ]);
      assert.ok(objects.every((o) => o.metadata.namespace === "shop-full"));
      await kube.client.applyAll(objects);
      const [ingress] = byKind(objects, "Ingress");
      const stored = await kube.client.read<
        { spec: { ingressClassName?: string; tls?: unknown[] } } & KubernetesObject
      >(ingress);
      assert.equal(stored.spec.ingressClassName, "nginx");
      assert.deepEqual(stored.spec.tls, [{ hosts: ["shop.example.test"], secretName: "shop-api-tls" }]);
    });

    it("rolls the Deployment out with minInstances (2) ready replicas", async () => {
      const [deployment] = byKind(objects, "Deployment");
      await eventually("2 ready replicas of the first image", async () => {
        const read = await kube.client.read<DeploymentStatus & KubernetesObject>(deployment);
        return rolledOut(read, IMAGE_A) ? read : undefined;
      });
    });

    it("rolls a new image digest out, never with fewer than minInstances available (watched)", async () => {
      const next = await programObjects(fullFeatureConfig(IMAGE_B), { secretKeys: SECRET_KEYS });
      const watched = watchDeployment(kube.client, "shop-full", "shop-api", (d) => rolledOut(d, IMAGE_B), 150_000);
      await kube.client.applyAll(next);
      const available = await watched;
      assert.ok(available.length >= 2, `watched ${available.length} updates`);
      assert.ok(Math.min(...available) >= 2, `available replicas went ${available.join(" → ")}`);
      const pods = await kube.client.objects.list("v1", "Pod", "shop-full");
      const images = pods.items
        .filter((p) => !p.metadata?.deletionTimestamp)
        .map((p) => (p as { spec?: { containers: Array<{ image: string }> } }).spec?.containers[0].image);
      assert.ok(images.includes(IMAGE_B));
    });

    it("keeps the HPA's bounds and CPU target, and the PDB protects one pod at a time", async () => {
      const [hpa] = byKind(objects, "HorizontalPodAutoscaler");
      const stored = await kube.client.read<
        {
          spec: {
            minReplicas: number;
            maxReplicas: number;
            scaleTargetRef: { kind: string; name: string };
            metrics: Array<{ resource: { name: string; target: { averageUtilization: number } } }>;
          };
        } & KubernetesObject
      >(hpa);
      assert.equal(stored.spec.minReplicas, 2);
      assert.equal(stored.spec.maxReplicas, 4);
      assert.deepEqual(stored.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "shop-api" });
      assert.equal(stored.spec.metrics[0].resource.name, "cpu");
      assert.equal(stored.spec.metrics[0].resource.target.averageUtilization, 60);
      const [pdb] = byKind(objects, "PodDisruptionBudget");
      const status = await eventually("the PDB's status from the disruption controller", async () => {
        const read = await kube.client.read<
          {
            spec: { maxUnavailable: number };
            status?: { currentHealthy?: number; disruptionsAllowed?: number };
          } & KubernetesObject
        >(pdb);
        return read.status?.currentHealthy === 2 ? read : undefined;
      });
      assert.equal(status.spec.maxUnavailable, 1);
      assert.equal(status.status?.disruptionsAllowed, 1);
    });

    it("holds the secret values in the Secret, while the Deployment names them only by reference", async () => {
      const envSecret = byKind(objects, "Secret").find((s) => s.metadata.name === mockAutoName("shop-api-env"))!;
      const stored = await kube.client.read<{ data: Record<string, string> } & KubernetesObject>(envSecret);
      assert.deepEqual(
        Object.fromEntries(Object.entries(stored.data).map(([k, v]) => [k, Buffer.from(v, "base64").toString()])),
        SECRETS,
      );
      const [deployment] = byKind(objects, "Deployment");
      const live = await kube.client.read<DeploymentStatus & KubernetesObject>(deployment);
      const text = JSON.stringify(live);
      for (const value of [...Object.values(SECRETS), REGISTRY_PASSWORD]) assert.ok(!text.includes(value));
      const env = live.spec.template.spec.containers[0].env as Array<{
        name: string;
        valueFrom?: { secretKeyRef?: { name: string; key: string } };
      }>;
      for (const name of Object.keys(SECRETS)) {
        assert.deepEqual(env.find((e) => e.name === name)?.valueFrom?.secretKeyRef, {
          name: mockAutoName("shop-api-env"),
          key: name,
        });
      }
      const registry = byKind(objects, "Secret").find((s) => s.metadata.name === "shop-api-registry")!;
      const pull = await kube.client.read<{ type: string } & KubernetesObject>(registry);
      assert.equal(pull.type, "kubernetes.io/dockerconfigjson", "the API server validated the docker config");
    });

    it("deletes its objects and leaves the existing namespace empty of them", async () => {
      await deleteAll(kube.client, objects);
      await eventually("the namespace emptied", async () => {
        const left = await remainingIn(kube.client, "shop-full");
        return left.length === 0 ? true : undefined;
      });
      const namespaces = await kube.client.objects.list("v1", "Namespace");
      assert.ok(
        namespaces.items.some((n) => n.metadata?.name === "shop-full"),
        "the namespace itself stays",
      );
    });
  });

  it("fails with the API server's own message when it refuses an object, or accepts one with a warning", async () => {
    await kube.client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop-warned" } });
    const [deployment] = byKind(await programObjects(exampleStack(IMAGE_A)), "Deployment");
    const mismatched = {
      ...deployment,
      metadata: { ...deployment.metadata, namespace: "shop-warned" },
      spec: { ...(deployment.spec as object), selector: { matchLabels: { app: "something-else" } } },
    };
    await assert.rejects(
      kube.client.apply(mismatched),
      /the API server refused Deployment shop-warned\/shop-api: HTTP 422: .*`selector` does not match template `labels`/,
    );
    await assert.rejects(
      kube.client.apply({
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: {
          name: "old-style",
          namespace: "shop-warned",
          annotations: { "kubernetes.io/ingress.class": "nginx" },
        },
        spec: { defaultBackend: { service: { name: "shop-api", port: { number: 80 } } } },
      }),
      /accepted Ingress shop-warned\/old-style with a warning: 299 - "annotation \\"kubernetes\.io\/ingress\.class\\" is deprecated/,
    );
  });
});
