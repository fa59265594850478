import { existsSync } from "node:fs";
import { join } from "node:path";

/** The policy pack's folder, relative to the project. */
export const POLICY_PACK_DIR = "policy";

/** A stack's policy config: `policy/config/<stack>.json`. */
export function policyConfigPath(stack: string): string {
  return join(POLICY_PACK_DIR, "config", `${stack}.json`);
}

/**
 * The flags that run skyport's policy pack with the stack's own policy config; a stack without
 * a config file gets the pack's defaults (every policy advisory).
 */
export function policyArgs(stack: string, projectDir: string): string[] {
  const config = policyConfigPath(stack);
  return [
    "--policy-pack",
    POLICY_PACK_DIR,
    ...(existsSync(join(projectDir, config)) ? ["--policy-pack-config", config] : []),
  ];
}
