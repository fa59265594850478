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

/** One way a resource serves the app to its callers. */
export interface EndpointView {
  /** The hostname it answers for, when it names one. */
  host?: string;
  /** Whether callers reach it over TLS. */
  protocol: "https" | "http";
  /** For plain HTTP: true when every request is redirected to HTTPS. */
  redirectsToHttps?: boolean;
  /** How to fix it when it serves a domain without TLS, in the platform's own words. */
  fix: string;
}

/** How long a resource keeps the app's logs. */
export interface LogRetentionView {
  /** Days the logs are kept; undefined for forever. */
  days?: number;
  /** The config key that sets it, for the fix. */
  setting: string;
}

/** One rule that lets traffic in, as a firewall or security group holds it. */
export interface IngressRuleView {
  fromPort: number;
  toPort: number;
  /** The sources it admits, as CIDR blocks. */
  sources: string[];
}

/** Reads one view of a resource of a given type. */
type Readers<View> = Readonly<Record<string, (props: ResourceProps) => View>>;

/**
 * How the policy pack reads one platform's resources, by resource type. Every policy reads
 * resources only through these, so a new platform gets every policy by giving its readers.
 */
export interface PolicyView {
  /** The containers a resource runs. */
  containers?: Readers<ContainerView[]>;
  /** The fewest instances a resource lets the app run. */
  minimumInstances?: Readers<number | undefined>;
  /** How a resource exposes the app. */
  exposure?: Readers<ExposureView>;
  /** The domains a resource declares the app has (a certificate, a DNS record). */
  domains?: Readers<string[]>;
  /** How a resource serves the app: by host, over TLS or not. */
  endpoints?: Readers<EndpointView[]>;
  /** How long a resource keeps the app's logs. */
  logRetention?: Readers<LogRetentionView>;
  /** The traffic a resource lets in. */
  ingressRules?: Readers<IngressRuleView[]>;
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
