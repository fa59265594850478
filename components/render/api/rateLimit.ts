import { RenderApiError } from "./renderApiError";

/** Seconds to wait on a 429 that says nothing of when the limit resets. */
const FALLBACK_WAIT_SECONDS = 5;

/**
 * How long one Render API call may spend waiting for rate limits to reset. A 429 is waited
 * out when its reset (Retry-After, else Ratelimit-Reset) falls inside what is left of the
 * budget; past it, the call fails with a message that names the limit and when it resets.
 */
export class RateLimitBudget {
  private spentSeconds = 0;

  constructor(
    /** Longest total wait, in seconds. */
    private readonly budgetSeconds: number,
    /** Told what is waited for, before each wait. */
    private readonly log: (message: string) => void,
    private readonly sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
  ) {}

  /** Waits out a 429 within the budget, or throws a RenderApiError saying why it will not. */
  async waitOut(err: RenderApiError): Promise<void> {
    const rate = err.rateLimit;
    const seconds = rate?.retryAfterSeconds ?? rate?.resetSeconds ?? FALLBACK_WAIT_SECONDS;
    const limit = rate?.limit !== undefined ? `${rate.limit} requests per window` : "its rate limit";
    const left = this.budgetSeconds - this.spentSeconds;
    if (seconds > left) {
      const resetsAt = new Date(Date.now() + seconds * 1000).toISOString();
      throw new RenderApiError(
        err.operation,
        429,
        `rate limited (${limit}); the limit resets in ${seconds} s, at ${resetsAt}, past the ${left} s left of skyport:render.rateLimitWaitSeconds (${this.budgetSeconds} s)`,
        rate,
      );
    }
    this.log(`Render API ${err.operation} is rate limited (${limit}): waiting ${seconds} s until it resets`);
    this.spentSeconds += seconds;
    await this.sleep(seconds);
  }
}
