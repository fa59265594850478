/** What a deployed app must show before a deployment counts as done. */
export interface SmokeOptions {
  /** Base URL of the deployment. */
  url: string;
  /** The commit just deployed; /api/version must report it. Default: any commit (only that it answers). */
  commit?: string;
  /** How long to keep trying, ms. Default 300000. */
  timeoutMs?: number;
  /** Pause between tries, ms. Default 5000. */
  intervalMs?: number;
  /** Where progress goes. Default stderr. */
  log?: (line: string) => void;
}

/** One try: why the app at `url` is not healthy (or not `commit`'s build), or undefined when it is. */
export async function smokeCheck(url: string, commit: string | undefined): Promise<string | undefined> {
  const signal = AbortSignal.timeout(10_000);
  const health = await fetch(new URL("/health", url), { signal });
  if (health.status !== 200) return `/health answered ${health.status}`;
  const version = await fetch(new URL("/api/version", url), { signal });
  if (version.status !== 200) return `/api/version answered ${version.status}`;
  const body = (await version.json()) as { commit?: string };
  return commit === undefined || body.commit === commit
    ? undefined
    : `/api/version reports commit ${String(body.commit)}, not ${commit}`;
}

/**
 * Retries, for a bounded time, until /health answers 200 and /api/version reports the commit
 * just deployed (or, with no commit given, answers 200). Resolves with the number of tries; rejects with the last reason.
 */
export async function smokeTest({
  url,
  commit,
  timeoutMs = 300_000,
  intervalMs = 5000,
  log = (line) => process.stderr.write(`${line}\n`),
}: SmokeOptions): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    let reason: string | undefined;
    try {
      reason = await smokeCheck(url, commit);
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
    if (!reason) return attempt;
    log(`smoke test try ${attempt}: ${reason}`);
    if (Date.now() + intervalMs > deadline)
      throw new Error(`smoke test of ${url} failed after ${attempt} tries: ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
