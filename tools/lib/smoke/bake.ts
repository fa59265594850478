import { smokeCheck } from "./smokeTest";

/** One address a bake watches: the candidate's own (its commit checked) or the production one. */
export interface BakeTarget {
  url: string;
  /** The commit it must report; undefined where releases share the traffic (only /health counts). */
  commit?: string;
}

/** How a step bakes. */
export interface BakeOptions {
  targets: readonly BakeTarget[];
  /** How long the step must stay healthy, ms. */
  durationMs: number;
  /** Pause between checks, ms. Default 10000. */
  intervalMs?: number;
  /** Where progress goes. Default stderr. */
  log?: (line: string) => void;
}

/**
 * Holds a rollout step for its bake time, checking every target each interval as the smoke test
 * does. A target that fails two checks in a row fails the bake (one lost answer does not);
 * resolves with why, or undefined once the time is up and every target stayed healthy.
 */
export async function bake({
  targets,
  durationMs,
  intervalMs = 10_000,
  log = (line) => process.stderr.write(`${line}\n`),
}: BakeOptions): Promise<string | undefined> {
  const deadline = Date.now() + durationMs;
  const failedBefore = new Set<string>();
  while (Date.now() < deadline) {
    for (const { url, commit } of targets) {
      const reason = await smokeCheck(url, commit).catch((err: unknown) =>
        err instanceof Error ? err.message : String(err),
      );
      if (!reason) {
        failedBefore.delete(url);
        continue;
      }
      if (failedBefore.has(url)) return `${url} failed twice in a row while the step baked: ${reason}`;
      failedBefore.add(url);
      log(`bake: ${url}: ${reason}; one more failure fails the step`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(intervalMs, deadline - Date.now()))));
  }
  return undefined;
}
