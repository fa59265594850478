import type { ConformanceAdapter } from "../facts";
import { cloudRunAdapter } from "./cloudrun";
import { ecsAdapter } from "./ecs";
import { kubernetesAdapter } from "./kubernetes";
import { renderAdapter } from "./render";

/** Every built platform's adapter; a new platform joins the suite by adding its own here. */
export const ADAPTERS: ConformanceAdapter[] = [cloudRunAdapter, ecsAdapter, kubernetesAdapter, renderAdapter];
