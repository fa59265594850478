import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "./appSpec";

/**
 * How the app runs as a workload, the same on every platform: its container, its user, how
 * it is probed and stopped, the plain environment it gets, and the URL it is reached at.
 */

/** Name of the app's container, wherever a platform names one. */
export const CONTAINER_NAME = "app";

/** The unprivileged user and group the app image runs as (the node image's `node` user). */
export const APP_UID = 1000;

/** How long the app drains on SIGTERM. */
export const APP_SHUTDOWN_GRACE_SECONDS = 10;

/** How long every platform waits after SIGTERM before it kills the app: the drain and a 5 s margin. */
export const KILL_AFTER_SECONDS = APP_SHUTDOWN_GRACE_SECONDS + 5;

/** A probe's timing, in the words Kubernetes and Cloud Run both use. */
export interface ProbeTiming {
  periodSeconds: number;
  failureThreshold: number;
  timeoutSeconds: number;
}

/**
 * How the app is probed: it has a minute to start (startup), is restarted after three missed
 * health checks 10 s apart (liveness), and stops taking traffic after two missed readiness
 * checks 5 s apart (readiness).
 */
export const PROBE_TIMING = {
  startup: { periodSeconds: 2, failureThreshold: 30, timeoutSeconds: 2 },
  liveness: { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 },
  readiness: { periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 2 },
} as const satisfies Record<string, ProbeTiming>;

/** Seconds the startup probe allows before a failing start counts. */
export const STARTUP_WINDOW_SECONDS = PROBE_TIMING.startup.periodSeconds * PROBE_TIMING.startup.failureThreshold;

/** Variables skyport sets itself, which a stack's env or secrets may not set. */
export const RESERVED_ENV_NAMES = ["PORT", "ENVIRONMENT", "PLATFORM", "SHUTDOWN_GRACE_MS"] as const;

/**
 * The whole plain environment a platform gives the container: what skyport sets itself
 * (PORT, ENVIRONMENT, PLATFORM, SHUTDOWN_GRACE_MS) and the spec's own variables.
 */
export function containerEnv(spec: AppSpec, platform: string): Record<string, string> {
  return {
    PORT: String(spec.port),
    ENVIRONMENT: spec.environment,
    PLATFORM: platform,
    SHUTDOWN_GRACE_MS: String(APP_SHUTDOWN_GRACE_SECONDS * 1000),
    ...spec.env,
  };
}

/** The app's public URL: `https://<domain>` when it has a domain, else the address the platform gives it. */
export function publicUrl(spec: AppSpec, platformAddress: () => pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(spec.domain ? `https://${spec.domain}` : platformAddress());
}

/**
 * The label (or tag, or annotation) that records the app's declared exposure on the resource
 * that exposes it, so the policy pack can compare what is deployed with what was declared.
 */
export const EXPOSURE_LABEL = "skyport-public";

/** The exposure label's value for the spec: "true" or "false". */
export function exposureLabel(spec: AppSpec): Record<typeof EXPOSURE_LABEL, string> {
  return { [EXPOSURE_LABEL]: String(spec.public) };
}

/** A secret env var's name as it appears in resource names: `STRIPE_KEY` → `stripe-key`. */
export function secretSlug(envName: string): string {
  return envName.toLowerCase().replace(/_/g, "-");
}
