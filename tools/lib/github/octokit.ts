import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const PipelineOctokit = Octokit.plugin(retry, throttling);

/** GitHub's REST API as the pipeline's tools use it: @octokit/rest with retries and throttling. */
export type GitHub = InstanceType<typeof PipelineOctokit>;

/** How the client waits and retries. */
export interface GitHubOptions {
  /** The REST API's root. Default https://api.github.com (GITHUB_API_URL in Actions). */
  baseUrl?: string;
  /** Retries of a request that failed with a server error. Default 3. */
  retries?: number;
  /** Base of the retry plugin's back-off, in ms. Default 1000. */
  retryAfterBaseValue?: number;
  /** Waits a rate limit asks for, before giving up. Default 2. */
  rateLimitRetries?: number;
}

/** Each request gives up after a minute, rather than hang the job. */
const fetchWithTimeout: typeof fetch = (input, init) =>
  fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(60_000) });

const quiet = () => undefined;
const toStderr = (message: string) => void process.stderr.write(`${message}\n`);

/**
 * A client that retries server errors with back-off and waits out primary and secondary rate
 * limits (a few times, then fails with GitHub's own message); 4xx answers fail at once.
 */
export function createGitHub(token: string, options: GitHubOptions = {}): GitHub {
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const waitOrGiveUp = (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
    process.stderr.write(`GitHub rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s\n`);
    return count < rateLimitRetries;
  };
  return new PipelineOctokit({
    auth: token,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    userAgent: "skyport-pipeline",
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryAfterBaseValue ?? 1000 },
    throttle: { onRateLimit: waitOrGiveUp, onSecondaryRateLimit: waitOrGiveUp },
    request: { fetch: fetchWithTimeout },
    log: { debug: quiet, info: quiet, warn: toStderr, error: toStderr },
  });
}
