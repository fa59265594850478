import type { TestRun } from "../support/runStack";

/** The release that keeps the rest of the traffic in the rollout facts: its image, and its Cloud Run revision. */
export const ROLLOUT_STABLE = {
  image: `ghcr.io/acme/skyport-app@sha256:${"5e".repeat(32)}`,
  revision: "conformance-00001-old",
} as const;

/** What the conformance suite asserts, read by each platform's adapter out of its mocked resources. */
export interface PlatformFacts {
  /** Image the container runs. */
  image: string;
  /** Port the container listens on. */
  containerPort: number;
  /** Plain environment of the container, name → value. */
  env: Record<string, string>;
  /** What the platform's secret mechanism receives: name → value, as its provider sees it. */
  secretStore: Record<string, unknown>;
  /** True when every input that carries those values is marked secret in what the engine records. */
  secretStoreMarkedSecret: boolean;
  /** Secret env var names the container reads from that store by reference. */
  secretRefs: string[];
  /** vCPU per instance. */
  cpu: number;
  /** MiB per instance. */
  memoryMiB: number;
  /** Instance bounds and autoscaling target ("unsupported" where the platform scales on something else). */
  scaling: { min: number; max: number; targetCpuPercent: number | "unsupported" };
  /** Path the platform checks to decide an instance is healthy / ready for traffic. */
  healthGate: { livenessPath: string; trafficPath: string; rolloutWaitsForHealth: boolean; rollsBack: boolean };
  /** True when the container runs as non-root; "unsupported" where the platform has no such control. */
  runsAsNonRoot: boolean | "unsupported";
}

/** A platform's part in the conformance suite. */
export interface ConformanceAdapter {
  /** The `skyport:platform` value. */
  platform: string;
  /** The platform's settings block for the shared spec (`skyport:<platform>`). */
  settings: Record<string, unknown>;
  /** Config the platform's Pulumi provider needs (`aws:region`, `gcp:project`). Default none. */
  providerConfig?: Record<string, string>;
  /** Whether rollout of a bad release is rolled back automatically (true) or just halted (false). */
  rollsBack: boolean;
  /** True where the platform has no CPU-utilisation target to set (it scales on requests). */
  scalesWithoutCpuTarget?: boolean;
  /** Reads the facts out of a run of the shared spec. */
  facts: (run: TestRun) => PlatformFacts;
  /**
   * Where a platform carries out canary or blue/green: the share of the production path's
   * traffic each image gets, in percent, read out of a run at a rollout step (or whole).
   */
  trafficShares?: (run: TestRun) => Record<string, number>;
  /**
   * Where the platform walks the steps itself within one deployment (ECS): the percents of the
   * production path it will shift to the release, in order, read from its deployment settings.
   */
  shiftedSteps?: (run: TestRun) => number[];
}
