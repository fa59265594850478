import { only } from "../../support/runStack";
import type { ConformanceAdapter } from "../facts";
import { mockAutoName } from "./kubernetesMocks";

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

/** Reads the conformance facts out of the Kubernetes platform's Deployment, Secret and HPA. */
export const kubernetesAdapter: ConformanceAdapter = {
  platform: "kubernetes",
  settings: { namespace: "conformance" },
  rollsBack: false,
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
