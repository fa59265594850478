import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { AppSpec } from "./appSpec";
import type { DerivedName } from "./derivedNames";
import type { ConfigProblem } from "./configProblem";
import type { PolicyView } from "./policyView";
import type { RolloutSupport } from "./rollout";

/** What a platform component is constructed from. */
export interface PlatformArgs<Settings> {
  /** The validated, cloud-neutral app. */
  spec: AppSpec;
  /** The platform's own validated settings block. */
  settings: Settings;
}

/** What every platform component exposes. */
export interface PlatformComponent extends pulumi.ComponentResource {
  /** Public URL of the app. */
  readonly url: pulumi.Output<string>;
  /**
   * Where the candidate alone answers during a canary or blue/green step, so a smoke test can
   * reach it alone; absent when there is no step, or the platform gives the candidate no address
   * of its own.
   */
  readonly candidateUrl?: pulumi.Output<string>;
  /**
   * The platform's own name for the release that keeps the rest of the traffic (Cloud Run's
   * revision), recorded as a stack output so each step of a walk can pin it; absent where the
   * platform names the stable release by its image alone.
   */
  readonly stableRevision?: pulumi.Output<string>;
}

/** A platform as the registry knows it: how to validate its settings and how to build it. */
export interface PlatformDefinition<Settings> {
  /** The `skyport:platform` value, and the name of its settings block: a lowercase word. */
  name: string;
  /** Schema of the `skyport:<name>` block; its secret values are `secretString`s. */
  settingsSchema: z.ZodType<Settings>;
  /**
   * The platform's rules across the app and its block (Fargate's cpu/memory pairs, a plan that
   * fits, …). Each runs whenever the values it reads are valid, so its problems are reported
   * with every other one; see CrossCheck.
   */
  crossChecks: ReadonlyArray<CrossCheck<Settings>>;
  /**
   * The names the platform derives from `skyport:app.name` and the environment, with their
   * clouds' limits; config refuses an app whose derived name would break one (names a platform
   * shortens itself, with fitName, are not listed).
   */
  derivedNames: (spec: AppSpec, settings: Settings) => DerivedName[];
  /** The rollouts the platform carries out; config refuses the others before anything is created. */
  rollout: RolloutSupport;
  /** How the pipeline's jobs get the platform's credentials (see PlatformCredentials). */
  credentials: PlatformCredentials;
  /**
   * The npm packages of the Pulumi providers the platform uses, such as `@pulumi/aws`; the
   * pipeline installs only their plugins, at the versions installed here; empty for none.
   */
  providerPackages: readonly string[];
  /** How the policy pack reads the platform's resources. */
  policyView: PolicyView;
  /** What the offline plan shows for values only the platform's cloud can give. */
  planPlaceholders: PlanPlaceholders;
  /** Builds the component; loads the platform's SDK only when called. */
  create: (
    name: string,
    args: PlatformArgs<Settings>,
    opts?: pulumi.ComponentResourceOptions,
  ) => Promise<PlatformComponent>;
}

/**
 * How the pipeline's jobs (.github/actions/stack-setup) get credentials for a platform:
 * - `aws-oidc`: an IAM role assumed by OIDC, in the region the stack's config key `regionKey` names;
 * - `gcp-oidc`: a service account through workload identity, for the Google provider only;
 * - `secret-file`: the environment secret named `secret` written to a private file, whose path
 *   goes in the variable `fileVariable` (a kubeconfig in KUBECONFIG);
 * - `secret-variable`: the environment secret named `secret`, which must be set.
 */
export type PlatformCredentials =
  | { kind: "aws-oidc"; regionKey: string }
  | { kind: "gcp-oidc" }
  | { kind: "secret-file"; secret: string; fileVariable: string }
  | { kind: "secret-variable"; secret: string };

/**
 * What the offline plan (`npm run plan`) shows for values only a cloud can give, as
 * placeholders that say what they stand for (`[arn of shop-api-alb]`), so a plan shows what
 * refers to what instead of an opaque unknown. Anything without one stays unknown.
 */
export interface PlanPlaceholders {
  /** A look-up's answer, by invoke token. Default none. */
  lookups?: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>>;
  /** The attributes a resource of this platform is assigned; undefined for another platform's. Default none. */
  assigned?: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
}

/**
 * One rule across the app and the platform's block, reading the AppSpec's names; empty when it
 * holds. Name the key in each problem with specProblem, or `skyport:<platform>.<key>`. A rule
 * that reads a value which is itself invalid is skipped, as that value's problem is reported.
 */
export type CrossCheck<Settings> = (spec: AppSpec, settings: Settings) => ConfigProblem[];

/** The built platforms, keyed by `skyport:platform`. */
export type PlatformRegistry = Readonly<Record<string, PlatformDefinition<unknown>>>;

/** Erases a definition's settings type so definitions of different platforms share one registry. */
export function definePlatform<Settings>(definition: PlatformDefinition<Settings>): PlatformDefinition<unknown> {
  return definition as unknown as PlatformDefinition<unknown>;
}
