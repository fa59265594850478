import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../tools/lib/plan/stackFile";
import { cliNodeArgs } from "../tests/support/runCli";
import { medianTime } from "./machine";

/** Median wall time of `npm run plan -- <args>` (without npm's own start-up), over `runs` runs. */
function timePlan(args: string[], runs: number): number {
  return medianTime(runs, () => {
    const result = spawnSync(process.execPath, [...cliNodeArgs("plan"), ...args], {
      cwd: PROJECT_DIR,
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (result.status !== 0) throw new Error(`plan ${args.join(" ")} failed: ${result.stderr.toString()}`);
  });
}

/** Median wall time of `npm run plan -- --stack <stack> --json`, over `runs` runs. */
export function measurePlan(stack: string, runs = 5): number {
  return timePlan(["--stack", stack, "--json"], runs);
}

/** Median wall time of planning every stack file in one process, with the policy pack, as the pipeline does. */
export function measureAllPlans(runs = 5): number {
  const out = mkdtempSync(join(tmpdir(), "skyport-plan-bench-"));
  try {
    return timePlan(["--all", "--json", "--policy", "--out", out], runs);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
