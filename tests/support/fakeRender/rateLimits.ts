/**
 * Render's rate limits as the recorded sessions show them: every answer carries
 * Ratelimit-Limit, -Remaining and -Reset (seconds). Creating a service is limited to 20 with a
 * window of about 40 minutes, adding a custom domain to 50 in a similar window, updating,
 * deploying and scaling to 10 a minute, writes such as env vars and deletes to 100 a minute,
 * and reads to 400 a minute.
 */
interface Bucket {
  limit: number;
  windowSeconds: number;
  used: number;
  windowStart: number;
}

/** Which bucket a request counts against. */
function bucketOf(method: string, path: string): { name: string; limit: number; windowSeconds: number } {
  if (method === "POST" && path === "/services") return { name: "create-service", limit: 20, windowSeconds: 2400 };
  if (method === "POST" && /\/custom-domains$/.test(path))
    return { name: "custom-domain", limit: 50, windowSeconds: 2400 };
  if (
    (method === "PATCH" && /^\/services\/[^/]+$/.test(path)) ||
    (method === "POST" && /\/(deploys|scale)$/.test(path))
  ) {
    return { name: "update-deploy-scale", limit: 10, windowSeconds: 60 };
  }
  if (method === "GET") return { name: "read", limit: 400, windowSeconds: 60 };
  return { name: "write", limit: 100, windowSeconds: 60 };
}

/** The fake's rate limit counters. */
export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one request; answers its headers and whether the bucket was already used up. */
  take(method: string, path: string): { headers: Record<string, string>; exhausted: boolean } {
    const { name, limit, windowSeconds } = bucketOf(method, path);
    const now = this.now();
    let bucket = this.buckets.get(name);
    if (!bucket || now >= bucket.windowStart + bucket.windowSeconds * 1000) {
      bucket = { limit, windowSeconds, used: 0, windowStart: now };
      this.buckets.set(name, bucket);
    }
    const exhausted = bucket.used >= bucket.limit;
    if (!exhausted) bucket.used += 1;
    const reset = Math.max(0, Math.ceil((bucket.windowStart + bucket.windowSeconds * 1000 - now) / 1000));
    return {
      exhausted,
      headers: {
        "Ratelimit-Limit": String(bucket.limit),
        "Ratelimit-Remaining": String(bucket.limit - bucket.used),
        "Ratelimit-Reset": String(reset),
      },
    };
  }
}
