import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { AppSpec } from "./spec/appSpec";
import type { ConfigProblem } from "./spec/configError";
import type { AppSettings, BaseStackConfig, PlatformName } from "./spec/stackConfigSchema";

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
}

/** A platform as the registry knows it: how to validate its settings and how to build it. */
export interface PlatformDefinition<Settings> {
  /** The `skyport:platform` value, and the name of its settings block. */
  name: PlatformName;
  /** Schema of the `skyport:<name>` block; its secret values are `secretString`s. */
  settingsSchema: z.ZodType<Settings>;
  /** Rules that need the shared config and the settings (e.g. cpu/memory limits); empty when all is well. */
  crossCheck: (stack: BaseStackConfig, settings: Settings) => ConfigProblem[];
  /** Builds the component; loads the platform's SDK only when called. */
  create: (
    name: string,
    args: PlatformArgs<Settings>,
    opts?: pulumi.ComponentResourceOptions,
  ) => Promise<PlatformComponent>;
}

/** A problem with one `skyport:app` key, for crossCheck. */
export function appProblem(app: AppSettings, key: keyof AppSettings, expected: string): ConfigProblem {
  return { key: `skyport:app.${key}`, value: app[key], expected };
}

/** Erases a definition's settings type so definitions of different platforms share one registry. */
export function definePlatform<Settings>(definition: PlatformDefinition<Settings>): PlatformDefinition<unknown> {
  return definition as unknown as PlatformDefinition<unknown>;
}
