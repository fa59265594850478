/** What Render said about its rate limit on an answer (the Ratelimit-* and Retry-After headers). */
export interface RateLimitHeaders {
  /** Ratelimit-Limit: requests allowed in the window. */
  limit?: number;
  /** Ratelimit-Remaining. */
  remaining?: number;
  /** Ratelimit-Reset: seconds until the window resets. */
  resetSeconds?: number;
  /** Retry-After, in seconds, when sent. */
  retryAfterSeconds?: number;
}

/** A failed Render API call: names the operation, the HTTP status and Render's message, never the API key. */
export class RenderApiError extends Error {
  override readonly name = "RenderApiError";

  constructor(
    /** Render's operation id, e.g. create-service. */
    readonly operation: string,
    /** HTTP status, or 0 when no answer came (network error or time-out). */
    readonly status: number,
    /** Render's own message, or what went wrong on the way. */
    readonly renderMessage: string,
    /** The rate limit headers of the answer, when it had any. */
    readonly rateLimit?: RateLimitHeaders,
  ) {
    super(`Render API ${operation} failed: ${status === 0 ? "no answer" : `HTTP ${status}`}: ${renderMessage}`);
  }

  /** 5xx and no answer at all are worth another try soon; a 429 is waited out; any other 4xx is final. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}
