import * as pulumi from "@pulumi/pulumi";
import { APP_SHUTDOWN_GRACE_SECONDS, type AppSpec, containerEnv } from "../spec/appSpec";
import type { SecretRef } from "./secretStore";

/** Name of the app's container in the task. */
export const CONTAINER_NAME = "app";

/** The unprivileged user the app image runs as. */
export const APP_USER = "1000:1000";

/** Seconds ECS waits after SIGTERM before SIGKILL: the app's drain and a margin. */
export const STOP_TIMEOUT_SECONDS = APP_SHUTDOWN_GRACE_SECONDS + 5;

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
      user: APP_USER,
      readonlyRootFilesystem: true,
      portMappings: [{ containerPort: spec.port, hostPort: spec.port, protocol: "tcp" }],
      environment: Object.entries(containerEnv(spec, "ecs")).map(([name, value]) => ({ name, value })),
      secrets: secrets.map(({ name, valueFrom }) => ({ name, valueFrom })),
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": logs.group, "awslogs-region": logs.region, "awslogs-stream-prefix": spec.name },
      },
      healthCheck: { command: ["CMD", "node", "-e", probe], interval: 10, timeout: 5, retries: 3, startPeriod: 15 },
      stopTimeout: STOP_TIMEOUT_SECONDS,
      ...(repositoryCredentialsArn
        ? { repositoryCredentials: { credentialsParameter: repositoryCredentialsArn } }
        : {}),
    },
  ]);
}
