import type * as pulumi from "@pulumi/pulumi";
import type { PlatformRegistry } from "./contract/platform";
import { PLATFORM_REGISTRY } from "./registry";
import { readStackConfig } from "./config/readStackConfig";

/** The stack's outputs. */
export interface SkyportOutputs {
  /** Public URL of the app. */
  url: pulumi.Output<string>;
  /** The platform the stack deploys to. */
  platform: string;
  /** The image deployed, by digest; a later run that names no image keeps it (see readStackConfig). */
  image: string;
  /** Where the candidate alone answers, during a canary or blue/green step (see PlatformComponent). */
  candidateUrl?: pulumi.Output<string>;
  /** The platform's name for the stable release, where it needs one (see PlatformComponent). */
  stableRevision?: pulumi.Output<string>;
}

/**
 * The whole program: config → validated AppSpec → the platform from the registry. Pulumi runs
 * it with the built platforms; a test may give a registry of its own.
 */
export async function deploySkyport(registry: PlatformRegistry = PLATFORM_REGISTRY): Promise<SkyportOutputs> {
  const config = await readStackConfig(registry);
  const component = await config.definition.create(config.spec.name, { spec: config.spec, settings: config.settings });
  return {
    url: component.url,
    platform: config.platform,
    image: config.spec.image.ref,
    ...(component.candidateUrl ? { candidateUrl: component.candidateUrl } : {}),
    ...(component.stableRevision ? { stableRevision: component.stableRevision } : {}),
  };
}
