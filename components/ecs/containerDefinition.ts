import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import {
  APP_UID,
  CONTAINER_NAME,
  containerEnv,
  KILL_AFTER_SECONDS,
  PROBE_TIMING,
  STARTUP_WINDOW_SECONDS,
} from "../contract/workload";
import type { SecretRef } from "./secretStore";

/**
 * Seconds the container health check may take: it starts a second node process, which takes
 * longer than the HTTP probes other platforms send.
 */
const HEALTH_CHECK_TIMEOUT_SECONDS = 5;

/** Where the container's logs go. */
export interface LogTarget {
  group: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

/**
 * The app's container definition, as JSON: image by digest, PORT and env, secrets by reference
 * only, awslogs, a health check on the health path, a stop timeout above the drain time, and
 * a non-root user with a read-only root filesystem.
 */
export function containerDefinitions(
  spec: AppSpec,
  image: pulumi.Input<string>,
  secrets: SecretRef[],
  logs: LogTarget,
  repositoryCredentialsArn?: pulumi.Input<string>,
): pulumi.Output<string> {
  const probe = `fetch('http://127.0.0.1:${spec.port}${spec.healthCheckPath}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  return pulumi.jsonStringify([
    {
      name: CONTAINER_NAME,
      image,
      essential: true,
      user: `${APP_UID}:${APP_UID}`,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: spec.port, hostPort: spec.port, protocol: "tcp" }],
      environment: Object.entries(containerEnv(spec, "ecs")).map(([name, value]) => ({ name, value })),
      secrets: secrets.map(({ name, valueFrom }) => ({ name, valueFrom })),
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": logs.group, "awslogs-region": logs.region, "awslogs-stream-prefix": spec.name },
      },
      healthCheck: {
        command: ["CMD", "node", "-e", probe],
        interval: PROBE_TIMING.liveness.periodSeconds,
        timeout: HEALTH_CHECK_TIMEOUT_SECONDS,
        retries: PROBE_TIMING.liveness.failureThreshold,
        startPeriod: STARTUP_WINDOW_SECONDS,
      },
      stopTimeout: KILL_AFTER_SECONDS,
      ...(repositoryCredentialsArn
        ? { repositoryCredentials: { credentialsParameter: repositoryCredentialsArn } }
        : {}),
    },
  ]);
}
