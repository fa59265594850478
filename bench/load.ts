import autocannon from "autocannon";

/** Throughput and tail latency of one load run. */
export interface LoadResult {
  /** Requests answered in the run. */
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Load settings; bounded in time (and, with `amount`, in count). */
export interface LoadOptions {
  /** Concurrent connections. Default 32. */
  connections?: number;
  /** Seconds to run, when no amount is given. Default 5. */
  seconds?: number;
  /** Total requests to send instead of a duration. */
  amount?: number;
}

/** Runs autocannon against one URL on loopback. */
export async function load(
  url: string,
  { connections = 32, seconds = 5, amount }: LoadOptions = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: 10,
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
