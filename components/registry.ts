import { cloudrun } from "./cloudrun";
import { ecs } from "./ecs";
import { kubernetes } from "./kubernetes";
import type { PlatformDefinition } from "./platform";
import { render } from "./render";
import type { PlatformName } from "./spec/stackConfigSchema";

/**
 * The built platforms, keyed by `skyport:platform`. A platform joins with one line here, its
 * own folder, and the conformance suite. A known platform that is not built yet is absent.
 */
export const PLATFORM_REGISTRY: Partial<Record<PlatformName, PlatformDefinition<unknown>>> = {
  cloudrun,
  ecs,
  kubernetes,
  render,
};
