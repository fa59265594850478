import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;

/**
 * CPU time a process (all its threads) has used so far, user plus system, in microseconds,
 * from /proc/<pid>/stat, counted in clock ticks (`getconf CLK_TCK`, usually 100 a second).
 */
export function processCpuMicros(pid: number): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const [userTicks, systemTicks] = [Number(fields[11]), Number(fields[12])];
  return ((userTicks + systemTicks) * 1e6) / ticksPerSecond;
}
