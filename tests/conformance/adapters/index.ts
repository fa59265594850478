import type { ConformanceAdapter } from "../facts";
import { cloudRunAdapter } from "./cloudrun";
import { ecsAdapter } from "./ecs";
import { kubernetesAdapter } from "./kubernetes";

/** Every built platform's adapter; a new platform joins the suite by adding its own here. */
export const ADAPTERS: ConformanceAdapter[] = [cloudRunAdapter, ecsAdapter, kubernetesAdapter];
