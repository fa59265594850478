import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { median } from "./machine";

const CLI = join(__dirname, "..", "tools", "plan", "cli.ts");

/** Median wall time of `npm run plan -- --stack <stack> --json` (without npm's own start-up), over `runs` runs. */
export function measurePlan(stack: string, runs = 5): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, ["--import", "tsx", CLI, "--stack", stack, "--json"], {
      cwd: join(__dirname, ".."),
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (result.status !== 0) throw new Error(`plan of ${stack} failed: ${result.stderr.toString()}`);
    times.push(performance.now() - start);
  }
  return median(times);
}
