/** What the policy pack sees of a platform's resources, whatever the platform. */

import { EXPOSURE_LABEL } from "./workload";

/** A resource's properties as the policy pack receives them. */
export type ResourceProps = Record<string, any>;

/** A container as the policies see it. */
export interface ContainerView {
  image?: unknown;
  cpu?: unknown;
  memory?: unknown;
  env: Array<{ name: string; value?: unknown }>;
}

/** How one resource exposes the app, as far as it shows. */
export interface ExposureView {
  /** True when the resource makes the app reachable from the internet, false when it keeps it private. */
  public?: boolean;
  /** The app's declared `skyport:app.public`, when the resource carries it (see EXPOSURE_LABEL). */
  declaredPublic?: boolean;
}

/** How the policy pack reads one platform's resources, by resource type. */
export interface PolicyView {
  /** The containers a resource runs. */
  containers?: Readonly<Record<string, (props: ResourceProps) => ContainerView[]>>;
  /** The fewest instances a resource lets the app run. */
  minimumInstances?: Readonly<Record<string, (props: ResourceProps) => number | undefined>>;
  /** How a resource exposes the app. */
  exposure?: Readonly<Record<string, (props: ResourceProps) => ExposureView>>;
}

/** The declared exposure a resource's labels (tags, annotations) carry, if any. */
export function declaredExposure(labels: unknown): boolean | undefined {
  const value = (labels as Record<string, unknown> | undefined)?.[EXPOSURE_LABEL];
  return value === "true" ? true : value === "false" ? false : undefined;
}

/** A container's env as the policies see it, from a name → value map. */
export function envOfRecord(env: unknown): ContainerView["env"] {
  return Object.entries((env ?? {}) as Record<string, unknown>).map(([name, value]) => ({ name, value }));
}

/** A value only known after deployment, or hidden: the offline plan's markers. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && /^\[[^\]]+\]$/.test(value);
}
