/** What the policy pack sees of a platform's resources, whatever the platform. */

/** A resource's properties as the policy pack receives them. */
export type ResourceProps = Record<string, any>;

/** A container as the policies see it. */
export interface ContainerView {
  image?: unknown;
  cpu?: unknown;
  memory?: unknown;
  env: Array<{ name: string; value?: unknown }>;
}

/** How the policy pack reads one platform's resources, by resource type. */
export interface PolicyView {
  /** The containers a resource runs. */
  containers?: Readonly<Record<string, (props: ResourceProps) => ContainerView[]>>;
  /** The fewest instances a resource lets the app run. */
  minimumInstances?: Readonly<Record<string, (props: ResourceProps) => number | undefined>>;
}

/** A value only known after deployment, or hidden: the offline plan's markers. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && /^\[[^\]]+\]$/.test(value);
}
