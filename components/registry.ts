import { cloudrun } from "./cloudrun";
import { ecs } from "./ecs";
import { kubernetes } from "./kubernetes";
import type { PlatformRegistry } from "./contract/platform";
import { render } from "./render";

/**
 * The built platforms, keyed by `skyport:platform`. A platform joins with its own folder, one
 * line here and a conformance adapter; config, the pipeline's credentials and plugins, and the
 * policy pack all read it from here.
 */
export const PLATFORM_REGISTRY: PlatformRegistry = { ecs, kubernetes, cloudrun, render };
