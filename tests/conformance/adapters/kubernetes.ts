import { only, type TestRun } from "../../support/runStack";
import type { ConformanceAdapter } from "../facts";
import { mockAutoName } from "./kubernetesMocks";

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/**
 * The production path's traffic by image: the HTTPRoute's backends by weight when there is one,
 * otherwise the app's Service; each backend's share split over the Deployments its selector
 * picks, by replicas, as a Service spreads over pods.
 */
function trafficShares(run: TestRun): Record<string, number> {
  const of = (type: string) => run.registrations.filter((r) => r.type === type).map((r) => r.inputs as any);
  const services = of("kubernetes:core/v1:Service");
  const deployments = of("kubernetes:apps/v1:Deployment");
  const route = of("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute")[0];
  const backends: Array<{ name: string; weight: number }> = route
    ? route.spec.rules[0].backendRefs
    : [{ name: "conformance", weight: 100 }];
  const shares: Record<string, number> = {};
  for (const backend of backends.filter((b) => b.weight > 0)) {
    const service = services.find((candidate) => candidate.metadata.name === backend.name);
    const picked = deployments.filter((d) => matches(service.spec.selector, d.spec.template.metadata.labels));
    const pods = picked.reduce((sum, d) => sum + d.spec.replicas, 0);
    for (const deployment of picked) {
      const image = deployment.spec.template.spec.containers[0].image as string;
      shares[image] = (shares[image] ?? 0) + Math.round((backend.weight * deployment.spec.replicas * 100) / pods) / 100;
    }
  }
  return shares;
}

/** Reads the conformance facts out of the Kubernetes platform's Deployment, Secret and HPA. */
export const kubernetesAdapter: ConformanceAdapter = {
  platform: "kubernetes",
  settings: { namespace: "conformance" },
  rollsBack: false,
  trafficShares,
  facts: (run) => {
    const deployment = only(run, "kubernetes:apps/v1:Deployment").inputs as any;
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    const env = container.env as EnvVar[];
    const secret = run.registrations.find(
      (r) => r.type === "kubernetes:core/v1:Secret" && (r.inputs as any).type === "Opaque",
    );
    const hpa = only(run, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler").inputs as any;
    const cpu = String(container.resources.limits.cpu);
    return {
      image: container.image,
      containerPort: container.ports[0].containerPort,
      env: Object.fromEntries(env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])),
      secretStore: secret ? ((run.providerInputsOf(secret) as any).stringData as Record<string, unknown>) : {},
      secretStoreMarkedSecret: (secret?.inputs as any)?.stringData === "[secret]",
      secretRefs: env
        .filter((e) => secret && e.valueFrom?.secretKeyRef?.name === mockAutoName(secret.name))
        .map((e) => e.name),
      cpu: cpu.endsWith("m") ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu),
      memoryMiB: Number(String(container.resources.limits.memory).replace(/Mi$/, "")),
      scaling: {
        min: hpa.spec.minReplicas,
        max: hpa.spec.maxReplicas,
        targetCpuPercent: hpa.spec.metrics[0].resource.target.averageUtilization,
      },
      healthGate: {
        livenessPath: container.livenessProbe.httpGet.path,
        trafficPath: container.readinessProbe.httpGet.path,
        rolloutWaitsForHealth: deployment.spec.strategy.rollingUpdate.maxUnavailable === 0,
        rollsBack: false,
      },
      runsAsNonRoot: container.securityContext.runAsNonRoot === true && pod.securityContext.runAsNonRoot === true,
    };
  },
};
