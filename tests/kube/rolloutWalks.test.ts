import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parseAllDocuments } from "yaml";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { ClusterClient } from "../support/kube/clusterClient";
import { describeKubeTier, eventually } from "../support/kube/kubeTier";
import { KUBE_BIN_DIR } from "../support/kube/kubeTierTools";
import { type ProgramObject, programObjects } from "../support/kube/programObjects";

const TIER = "Kubernetes tier: canary and blue/green releases walked on a real kube-apiserver";
const GOOD = `ghcr.io/acme/skyport-app@sha256:${"a1".repeat(32)}`;
const NEXT = `ghcr.io/acme/skyport-app@sha256:${"b2".repeat(32)}`;
const TRACK = "skyport.dev/track";

interface Step {
  percent: number;
}

/** How long a walk waits for pods to roll or endpoints to follow: nine pods under kwok take up to 100 s. */
const WALK_TIMEOUT_MS = 150_000;

/** What a walk's stack has besides its rollout. */
interface WalkStack {
  /** Route through a Gateway (`skyport:kubernetes.gateway`). Default false. */
  gateway?: boolean;
  /** The stable release's pods. Default 9. */
  minInstances?: number;
}

/** A stack with a rollout, releasing NEXT over GOOD at a step, NEXT whole, or GOOD whole when `good`. */
function config(
  app: string,
  rollout: unknown,
  at: Step | "whole" | "good",
  { gateway = false, minInstances = 9 }: WalkStack = {},
) {
  return {
    "skyport:platform": "kubernetes",
    "skyport:environment": "walk",
    "skyport:image": at === "good" ? GOOD : NEXT,
    "skyport:app": {
      name: app,
      cpu: 0.25,
      memory: 128,
      minInstances,
      maxInstances: 12,
      domain: `${app}.example.test`,
      rollout,
    },
    ...(gateway ? { "skyport:kubernetes": { gateway: { name: "public", namespace: "gateways" } } } : {}),
    ...(typeof at === "object" ? { "skyport:rolloutStep": { stable: GOOD, percent: at.percent } } : {}),
  };
}

const keyOf = (o: ProgramObject) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;

type Deployment = KubernetesObject & {
  spec: { replicas?: number; template: { spec: { containers: Array<{ image: string }> } } };
  status?: {
    observedGeneration?: number;
    availableReplicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
  };
};

/**
 * A release as `pulumi up` applies it: every object of the program's new set, then each object
 * of the old set that the new one no longer has deleted, as the engine deletes last.
 */
class Release {
  private current: ProgramObject[] = [];
  constructor(
    private readonly client: ClusterClient,
    readonly app: string,
  ) {}

  async apply(next: ProgramObject[]): Promise<void> {
    await this.client.applyAll(next);
    const keep = new Set(next.map(keyOf));
    for (const gone of this.current.filter((o) => !keep.has(keyOf(o)))) await this.client.delete(gone);
    this.current = next;
  }

  /**
   * Waits until the Deployment runs `replicas` ready and available pods of `image`. An old pod
   * may still be terminating (status.replicas counts it): its endpoint is not ready, which
   * endpointsAre checks.
   */
  async rolledOut(name: string, image: string, replicas: number): Promise<Deployment> {
    let seen = "nothing";
    return eventually(
      () => `${name} at ${replicas} ready pods of ${image.slice(-8)} (last: ${seen})`,
      async () => {
        const read = await this.client.objects.read({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name, namespace: this.app },
        });
        const d = JSON.parse(JSON.stringify(read)) as Deployment;
        const s = d.status ?? {};
        seen = JSON.stringify(s);
        const done =
          d.spec.template.spec.containers[0].image === image &&
          s.observedGeneration === d.metadata?.generation &&
          s.availableReplicas === replicas &&
          s.readyReplicas === replicas &&
          s.updatedReplicas === replicas;
        return done ? d : undefined;
      },
      WALK_TIMEOUT_MS,
    );
  }

  /** The tracks of the pods behind a Service's ready endpoints, as the EndpointSlice controller lists them. */
  async endpointTracks(service: string): Promise<Record<string, number>> {
    const slices = await this.client.objects.list(
      "discovery.k8s.io/v1",
      "EndpointSlice",
      this.app,
      undefined,
      undefined,
      undefined,
      undefined,
      `kubernetes.io/service-name=${service}`,
    );
    const pods = await this.client.objects.list("v1", "Pod", this.app);
    const trackOf = new Map(pods.items.map((p) => [p.metadata?.name, p.metadata?.labels?.[TRACK] ?? "none"]));
    const counts: Record<string, number> = {};
    for (const slice of slices.items as Array<
      KubernetesObject & { endpoints?: Array<{ conditions?: { ready?: boolean }; targetRef?: { name?: string } }> }
    >) {
      for (const endpoint of slice.endpoints ?? []) {
        if (!endpoint.conditions?.ready) continue;
        const track = trackOf.get(endpoint.targetRef?.name) ?? "unknown";
        counts[track] = (counts[track] ?? 0) + 1;
      }
    }
    return counts;
  }

  /** Waits until a Service's ready endpoints are exactly these tracks' pods. */
  async endpointsAre(service: string, want: Record<string, number>): Promise<void> {
    let seen: Record<string, number> = {};
    await eventually(
      () => `${service}'s endpoints ${JSON.stringify(want)} (last ${JSON.stringify(seen)})`,
      async () => {
        seen = await this.endpointTracks(service);
        return isDeepStrictEqual(seen, want) ? true : undefined;
      },
      WALK_TIMEOUT_MS,
    );
  }

  /** The HTTPRoute's backends and weights, as the server stores them. */
  async routeWeights(): Promise<Array<[string, number]>> {
    type Route = KubernetesObject & {
      spec: { rules: Array<{ backendRefs: Array<{ name: string; weight: number }> }> };
    };
    const route = await this.client.objects.read<Route>({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: this.app, namespace: this.app },
    });
    return route.spec.rules[0].backendRefs.map((b) => [b.name, b.weight]);
  }

  async exists(kind: string, name: string): Promise<boolean> {
    const apiVersion = kind === "Deployment" ? "apps/v1" : "v1";
    const list = await this.client.objects.list(apiVersion, kind, this.app);
    return list.items.some((o) => o.metadata?.name === name && !o.metadata.deletionTimestamp);
  }
}

/** The Gateway API's Gateway and HTTPRoute definitions, served before the walks begin. */
async function serveGatewayApi(client: ClusterClient): Promise<void> {
  const crds = parseAllDocuments(readFileSync(join(KUBE_BIN_DIR, "gateway-api-crds.yaml"), "utf8"))
    .map((doc) => doc.toJS() as ProgramObject | null)
    .filter((doc): doc is ProgramObject => doc !== null);
  await client.applyAll(crds);
  await eventually("the HTTPRoute API served", async () => {
    await client.objects.list("gateway.networking.k8s.io/v1", "HTTPRoute", "default");
    return true;
  });
}

describeKubeTier(
  TIER,
  (kube) => {
    describe("a canary through a Gateway: 10 %, 50 %, then a failed candidate rolled back", () => {
      const app = "shop-canary";
      const rollout = { strategy: "canary", steps: [10, 50] };
      let release: Release;
      before(() => {
        release = new Release(kube.client, app);
      });

      it("runs the good release whole: nine stable pods, all of the route's weight", async () => {
        await release.apply(await programObjects(config(app, rollout, "good", { gateway: true })));
        await release.rolledOut(app, GOOD, 9);
        assert.deepEqual(await release.routeWeights(), [[app, 100]]);
        await release.endpointsAre(app, { stable: 9 });
      });

      it("at 10 %: one candidate pod beside the nine, the route 90/10, each Service on its own track", async () => {
        await release.apply(await programObjects(config(app, rollout, { percent: 10 }, { gateway: true })));
        await release.rolledOut(`${app}-candidate`, NEXT, 1);
        await release.rolledOut(app, GOOD, 9);
        assert.deepEqual(await release.routeWeights(), [
          [app, 90],
          [`${app}-candidate`, 10],
        ]);
        await release.endpointsAre(app, { stable: 9 });
        await release.endpointsAre(`${app}-candidate`, { candidate: 1 });
      });

      it("at 50 %: nine candidate pods, the route 50/50", async () => {
        await release.apply(await programObjects(config(app, rollout, { percent: 50 }, { gateway: true })));
        await release.rolledOut(`${app}-candidate`, NEXT, 9);
        assert.deepEqual(await release.routeWeights(), [
          [app, 50],
          [`${app}-candidate`, 50],
        ]);
        await release.endpointsAre(`${app}-candidate`, { candidate: 9 });
      });

      it("rolls a failed candidate back to the good release: the candidate gone, all weight on stable", async () => {
        await release.apply(await programObjects(config(app, rollout, "good", { gateway: true })));
        assert.deepEqual(await release.routeWeights(), [[app, 100]]);
        await eventually("the candidate's Deployment and Service gone", async () =>
          !(await release.exists("Deployment", `${app}-candidate`)) &&
          !(await release.exists("Service", `${app}-candidate`))
            ? true
            : undefined,
        );
        const stable = await release.rolledOut(app, GOOD, 9);
        assert.equal(
          stable.spec.template.spec.containers[0].image,
          GOOD,
          "the stable pods never left the good release",
        );
        await release.endpointsAre(app, { stable: 9 });
      });
    });

    describe("a canary without a Gateway, promoted", () => {
      const app = "shop-pods";
      const rollout = { strategy: "canary", steps: [10] };
      let release: Release;
      before(() => {
        release = new Release(kube.client, app);
      });

      it("shares the one Service by pod count at 10 %: one candidate endpoint in ten", async () => {
        await release.apply(await programObjects(config(app, rollout, "good")));
        await release.rolledOut(app, GOOD, 9);
        await release.apply(await programObjects(config(app, rollout, { percent: 10 })));
        await release.rolledOut(`${app}-candidate`, NEXT, 1);
        await release.endpointsAre(app, { candidate: 1, stable: 9 });
      });

      it("promotes: the stable Deployment rolled to the new digest, the candidate removed", async () => {
        const small = new Release(kube.client, "shop-promote");
        const at = (step: Step | "whole" | "good") =>
          programObjects(config(small.app, rollout, step, { minInstances: 2 }));
        await small.apply(await at("good"));
        await small.rolledOut(small.app, GOOD, 2);
        await small.apply(await at({ percent: 10 }));
        await small.rolledOut(`${small.app}-candidate`, NEXT, 1);
        await small.apply(await at("whole"));
        await small.rolledOut(small.app, NEXT, 2);
        await eventually("the candidate gone", async () =>
          (await small.exists("Deployment", `${small.app}-candidate`)) ? undefined : true,
        );
        await small.endpointsAre(small.app, { stable: 2 });
      });
    });

    describe("blue/green: beside, switched, then whole", () => {
      const app = "shop-blue";
      const rollout = { strategy: "blue-green" };
      let release: Release;
      before(() => {
        release = new Release(kube.client, app);
      });

      it("starts the candidate at full size beside the stable release, production still on stable", async () => {
        await release.apply(await programObjects(config(app, rollout, "good", { minInstances: 2 })));
        await release.rolledOut(app, GOOD, 2);
        await release.apply(await programObjects(config(app, rollout, { percent: 0 }, { minInstances: 2 })));
        await release.rolledOut(`${app}-candidate`, NEXT, 2);
        await release.endpointsAre(app, { stable: 2 });
        await release.endpointsAre(`${app}-candidate`, { candidate: 2 });
      });

      it("switches: the production Service serves the candidate alone, never both", async () => {
        await release.apply(await programObjects(config(app, rollout, { percent: 100 }, { minInstances: 2 })));
        await release.endpointsAre(app, { candidate: 2 });
        await release.rolledOut(app, GOOD, 2);
      });

      it("deploys whole: the stable track rolled to the new digest and serving, the candidate removed", async () => {
        await release.apply(await programObjects(config(app, rollout, "whole", { minInstances: 2 })));
        await release.rolledOut(app, NEXT, 2);
        await release.endpointsAre(app, { stable: 2 });
        await eventually("the candidate gone", async () =>
          (await release.exists("Deployment", `${app}-candidate`)) ? undefined : true,
        );
      });
    });
  },
  serveGatewayApi,
);
