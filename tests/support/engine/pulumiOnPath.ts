import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "../../../tools/lib/plan/stackFile";

/** The Pulumi CLI version the project pins, for pulumi/actions and for this tier. */
export const PINNED_PULUMI_VERSION = readFileSync(join(PROJECT_DIR, ".pulumi.version"), "utf8").trim();

/** The `pulumi` on PATH, with its version, or why there is none. */
export type PulumiOnPath = { found: true; version: string } | { found: false; reason: string };

/** Looks for the Pulumi CLI on PATH (`pulumi version`). */
export function pulumiOnPath(): PulumiOnPath {
  const run = spawnSync("pulumi", ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "1" },
  });
  if (run.error || run.status !== 0) {
    return { found: false, reason: run.error?.message ?? run.stderr.trim() ?? `exit ${run.status}` };
  }
  return { found: true, version: run.stdout.trim().replace(/^v/, "") };
}
