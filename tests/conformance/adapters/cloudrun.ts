import { all, only, TEST_IMAGE, type TestRun } from "../../support/runStack";
import { MOCK_GCP } from "./cloudrunMocks";
import { type ConformanceAdapter, ROLLOUT_STABLE } from "../facts";

/** The Cloud Run service's one container. */
export function cloudRunContainer(run: TestRun): any {
  return (only(run, "gcp:cloudrunv2/service:Service").inputs as any).template.containers[0];
}

/**
 * The production path's traffic by image, from the service's traffic targets: the latest
 * revision is the template's (the run's image), and a pinned revision is the stable release's,
 * the one its last whole deploy recorded.
 */
function trafficShares(run: TestRun): Record<string, number> {
  const service = only(run, "gcp:cloudrunv2/service:Service").inputs as any;
  const shares: Record<string, number> = {};
  for (const target of service.traffics as Array<{ type: string; revision?: string; percent: number }>) {
    if (target.percent === 0) continue;
    const image =
      target.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
        ? TEST_IMAGE
        : target.revision === ROLLOUT_STABLE.revision
          ? ROLLOUT_STABLE.image
          : `unknown revision ${target.revision}`;
    shares[image] = (shares[image] ?? 0) + target.percent;
  }
  return shares;
}

/** Reads the conformance facts out of the Cloud Run service and its Secret Manager secrets. */
export const cloudRunAdapter: ConformanceAdapter = {
  platform: "cloudrun",
  settings: { region: "europe-west1" },
  providerConfig: { "gcp:project": MOCK_GCP.project },
  rollsBack: false,
  scalesWithoutCpuTarget: true,
  trafficShares,
  facts: (run) => {
    const service = only(run, "gcp:cloudrunv2/service:Service").inputs as any;
    const container = cloudRunContainer(run);
    const envs = container.envs as Array<{ name: string; value?: string; valueSource?: any }>;
    const secrets = all(run, "gcp:secretmanager/secret:Secret");
    const versions = all(run, "gcp:secretmanager/secretVersion:SecretVersion");
    const secretStore: Record<string, unknown> = {};
    const secretRefs: string[] = [];
    for (const env of envs.filter((e) => e.valueSource?.secretKeyRef)) {
      const secret = secrets.find((s) => (s.inputs as any).secretId === env.valueSource.secretKeyRef.secret);
      const version = versions.find((v) => (v.inputs as any).secret === `${secret?.name}-id`);
      if (!version) continue;
      secretRefs.push(env.name);
      secretStore[env.name] = (run.providerInputsOf(version) as any).secretData;
    }
    const cpu = String(container.resources.limits.cpu);
    const port = container.ports.containerPort;
    return {
      image: container.image,
      containerPort: port,
      // Cloud Run sets PORT to the container port itself (and refuses it as an env var).
      env: {
        PORT: String(port),
        ...Object.fromEntries(envs.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])),
      },
      secretStore,
      secretStoreMarkedSecret: versions.every((v) => (v.inputs as any).secretData === "[secret]"),
      secretRefs,
      cpu: cpu.endsWith("m") ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu),
      memoryMiB: Number(String(container.resources.limits.memory).replace(/Mi$/, "")),
      scaling: {
        min: service.template.scaling.minInstanceCount,
        max: service.template.scaling.maxInstanceCount,
        targetCpuPercent: "unsupported",
      },
      healthGate: {
        livenessPath: container.livenessProbe.httpGet.path,
        trafficPath: container.startupProbe.httpGet.path,
        rolloutWaitsForHealth: container.startupProbe !== undefined,
        rollsBack: false,
      },
      runsAsNonRoot: "unsupported",
    };
  },
};
