/** A failed Render API call: names the operation, the HTTP status and Render's message, never the API key. */
export class RenderApiError extends Error {
  override name = "RenderApiError";

  constructor(
    /** Render's operation id, e.g. create-service. */
    readonly operation: string,
    /** HTTP status, or 0 when no answer came (network error or time-out). */
    readonly status: number,
    /** Render's own message, or what went wrong on the way. */
    readonly renderMessage: string,
    /** Seconds Render asked to wait (Ratelimit-Reset), on a 429. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Render API ${operation} failed: ${status === 0 ? "no answer" : `HTTP ${status}`}: ${renderMessage}`);
  }

  /** 429, 5xx and no answer at all are worth another try; any other 4xx is not. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
