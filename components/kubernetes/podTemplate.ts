import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import { APP_UID, CONTAINER_NAME, containerEnv, KILL_AFTER_SECONDS, PROBE_TIMING } from "../contract/workload";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Container = k8s.types.input.core.v1.Container;

/** Seconds a terminating pod keeps serving while endpoints stop routing to it. */
export const PRE_STOP_DELAY_SECONDS = 5;

/** Kubernetes waits this long for the pod: the pre-stop delay, then what every platform waits. */
export const TERMINATION_GRACE_SECONDS = PRE_STOP_DELAY_SECONDS + KILL_AFTER_SECONDS;

/** Where the pod template's secret env values come from. */
export interface SecretEnvSource {
  /** Name of the Secret holding one key per secret env var, as the provider named it. */
  secretName: pulumi.Input<string>;
  /** The secret env var names (= keys in the Secret). */
  names: string[];
}

/** cpu in vCPU as a Kubernetes quantity (millicores). */
export function cpuQuantity(cpu: number): string {
  return `${Math.round(cpu * 1000)}m`;
}

/**
 * The app's container: image by digest, PORT and env, secrets by reference, requests equal to
 * limits, three probes on the spec's paths, and a locked-down security context.
 */
export function appContainer(spec: AppSpec, secretEnv?: SecretEnvSource): Container {
  const plainEnv = Object.entries(containerEnv(spec, "kubernetes")).map(([name, value]) => ({ name, value }));
  const secretRefs = (secretEnv?.names ?? []).map((name) => ({
    name,
    valueFrom: { secretKeyRef: { name: secretEnv!.secretName, key: name } },
  }));
  const resources = { cpu: cpuQuantity(spec.cpu), memory: `${spec.memoryMiB}Mi` };
  const probe = (path: string) => ({ httpGet: { path, port: "http" } });
  return {
    name: CONTAINER_NAME,
    image: spec.image.ref,
    ports: [{ name: "http", containerPort: spec.port, protocol: "TCP" }],
    env: [...plainEnv, ...secretRefs],
    resources: { requests: resources, limits: resources },
    startupProbe: { ...probe(spec.healthCheckPath), ...PROBE_TIMING.startup },
    livenessProbe: { ...probe(spec.healthCheckPath), ...PROBE_TIMING.liveness },
    readinessProbe: { ...probe(spec.readinessPath), ...PROBE_TIMING.readiness },
    lifecycle: { preStop: { exec: { command: ["sleep", String(PRE_STOP_DELAY_SECONDS)] } } },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: APP_UID,
      runAsGroup: APP_UID,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
  };
}

/** The pod template: the app container, non-root pod security, pull secrets and grace period. */
export function podTemplate(
  spec: AppSpec,
  labels: Record<string, string>,
  imagePullSecrets: string[],
  secretEnv?: SecretEnvSource,
): PodTemplate {
  return {
    metadata: { labels },
    spec: {
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: APP_UID,
        runAsGroup: APP_UID,
        fsGroup: APP_UID,
        seccompProfile: { type: "RuntimeDefault" },
      },
      imagePullSecrets: imagePullSecrets.map((name) => ({ name })),
      containers: [appContainer(spec, secretEnv)],
    },
  };
}
