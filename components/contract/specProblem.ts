import type { AppSpec, ScalingSpec } from "./appSpec";
import type { RolloutSpec } from "./rollout";
import type { ConfigProblem } from "./configProblem";

/** A value of the AppSpec, by its path: `cpu`, `scaling.min`, … */
export type SpecPath =
  Exclude<keyof AppSpec, "scaling" | "rollout"> | `scaling.${keyof ScalingSpec}` | `rollout.${keyof RolloutSpec}`;

/**
 * The config key (below `skyport:`) each AppSpec value comes from. Rules read the AppSpec's
 * names; problems name the key the user sets.
 */
export const SPEC_CONFIG_KEYS = {
  name: "app.name",
  image: "image",
  port: "app.port",
  env: "app.env",
  secretEnv: "secrets",
  cpu: "app.cpu",
  memoryMiB: "app.memory",
  "scaling.min": "app.minInstances",
  "scaling.max": "app.maxInstances",
  "scaling.targetCpuPercent": "app.targetCpuPercent",
  "rollout.strategy": "app.rollout.strategy",
  "rollout.steps": "app.rollout.steps",
  "rollout.bakeMinutes": "app.rollout.bakeMinutes",
  "rollout.rollbackOnAlarm": "app.rollout.rollbackOnAlarm",
  "rollout.step": "rolloutStep",
  healthCheckPath: "app.healthCheckPath",
  readinessPath: "app.readinessPath",
  domain: "app.domain",
  public: "app.public",
  registryAuth: "registryAuth",
  environment: "environment",
} as const satisfies Record<SpecPath, string>;

/** The config keys a top-level AppSpec property is made from. */
export function configKeysOf(property: string): string[] {
  return Object.entries(SPEC_CONFIG_KEYS)
    .filter(([path]) => path === property || path.startsWith(`${property}.`))
    .map(([, key]) => key);
}

function valueAt(spec: AppSpec, path: SpecPath): unknown {
  if (path === "image") return spec.image.ref;
  if (path.startsWith("scaling.")) return spec.scaling[path.slice("scaling.".length) as keyof ScalingSpec];
  if (path.startsWith("rollout.")) return spec.rollout[path.slice("rollout.".length) as keyof RolloutSpec];
  return spec[path as Exclude<SpecPath, `scaling.${string}` | `rollout.${string}`>];
}

/** A problem with the config key an AppSpec value came from, showing the value as set. */
export function specProblem(spec: AppSpec, path: SpecPath, expected: string): ConfigProblem {
  return { key: `skyport:${SPEC_CONFIG_KEYS[path]}`, value: valueAt(spec, path), expected };
}
