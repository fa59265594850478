import { backOff } from "exponential-backoff";
import { RateLimitBudget } from "./rateLimit";
import { type RateLimitHeaders, RenderApiError } from "./renderApiError";
import type {
  CreateWebServiceBody,
  RenderAutoscaling,
  RenderCustomDomain,
  RenderDeploy,
  RenderEnvVar,
  RenderRegistry,
  RenderRegistryCredential,
  RenderService,
  UpdateWebServiceBody,
} from "./types";

/** Render's public API. */
export const RENDER_API_URL = "https://api.render.com/v1";

/** How to reach Render and how hard to try. */
export interface RenderClientOptions {
  /** Bearer token. */
  apiKey: string;
  /** API base URL. Default https://api.render.com/v1. */
  baseUrl?: string;
  /** Time limit of one HTTP call, in ms. Default 30000. */
  timeoutMs?: number;
  /** Tries per call, the first included. Default 6. */
  maxAttempts?: number;
  /** First backoff delay, in ms; it doubles each retry, with full jitter. Default 500. */
  baseDelayMs?: number;
  /** Longest wait between tries after a 5xx or no answer, in ms. Default 30000. */
  maxDelayMs?: number;
  /**
   * Longest total wait, in seconds, for rate limits to reset during one call: a 429 whose
   * reset falls inside it is waited out, one past it fails the call. Default 300.
   */
  rateLimitWaitSeconds?: number;
}

/** Where the client says what it waits for; stderr unless told otherwise. */
export type RenderLog = (message: string) => void;

type Query = Record<string, string | number | string[] | undefined>;

/** The only service type skyport manages. */
const WEB_SERVICE = "web_service";

/** Most items Render returns per page. */
const PAGE_LIMIT = 100;

/**
 * A typed client for the parts of Render's API skyport uses. Every call waits out a 429 until
 * its limit resets (within a budget), retries 5xx and network errors with exponential backoff
 * and full jitter, never another 4xx, and gives up after a per-call time limit.
 */
export class RenderClient {
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly options: Required<Omit<RenderClientOptions, "baseUrl" | "apiKey">>;

  constructor(
    options: RenderClientOptions,
    private readonly log: RenderLog = (message) => process.stderr.write(`${message}\n`),
  ) {
    this.apiKey = options.apiKey;
    this.baseUrl = (options.baseUrl ?? RENDER_API_URL).replace(/\/+$/, "");
    this.options = {
      timeoutMs: options.timeoutMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 6,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      rateLimitWaitSeconds: options.rateLimitWaitSeconds ?? 300,
    };
  }

  /**
   * Every web service with this exact name and owner (following the cursor through all
   * pages). A cron job or private service of the same name is never one of them.
   */
  async findServices(name: string, ownerId: string): Promise<RenderService[]> {
    const services = await this.paginate<{ service: RenderService }>("list-services", "/services", {
      name: [name],
      ownerId: [ownerId],
      type: [WEB_SERVICE],
    });
    return services
      .map((item) => item.service)
      .filter((s) => s.name === name && s.ownerId === ownerId && s.type === WEB_SERVICE);
  }

  /**
   * Creates a service; Render starts its first deploy at once and answers its id. POST
   * /services is not idempotent, so after a 5xx or no answer it is not tried again: the caller
   * looks the service up by name (it may exist) first. A 429 is waited out, since Render did
   * nothing with the request.
   */
  createService(body: CreateWebServiceBody): Promise<{ service: RenderService; deployId?: string }> {
    return this.call("create-service", "POST", "/services", { body, idempotent: false });
  }

  getService(id: string): Promise<RenderService> {
    return this.call("retrieve-service", "GET", `/services/${encodeURIComponent(id)}`);
  }

  updateService(id: string, body: UpdateWebServiceBody): Promise<RenderService> {
    return this.call("update-service", "PATCH", `/services/${encodeURIComponent(id)}`, { body });
  }

  async deleteService(id: string): Promise<void> {
    await this.call("delete-service", "DELETE", `/services/${encodeURIComponent(id)}`);
  }

  /** Every env var of a service (following the cursor). */
  async listEnvVars(id: string): Promise<RenderEnvVar[]> {
    const page = await this.paginate<{ envVar: RenderEnvVar }>(
      "list-env-vars-for-service",
      `/services/${encodeURIComponent(id)}/env-vars`,
    );
    return page.map((item) => item.envVar);
  }

  /** Replaces all of a service's env vars with these. */
  async replaceEnvVars(id: string, envVars: RenderEnvVar[]): Promise<void> {
    await this.call("update-env-vars-for-service", "PUT", `/services/${encodeURIComponent(id)}/env-vars`, {
      body: envVars,
    });
  }

  async setAutoscaling(id: string, autoscaling: RenderAutoscaling): Promise<void> {
    await this.call("autoscale-service", "PUT", `/services/${encodeURIComponent(id)}/autoscaling`, {
      body: autoscaling,
    });
  }

  async removeAutoscaling(id: string): Promise<void> {
    await this.call("delete-autoscaling-config", "DELETE", `/services/${encodeURIComponent(id)}/autoscaling`);
  }

  async scale(id: string, numInstances: number): Promise<void> {
    await this.call("scale-service", "POST", `/services/${encodeURIComponent(id)}/scale`, { body: { numInstances } });
  }

  createRegistryCredential(body: {
    name: string;
    registry: RenderRegistry;
    username: string;
    authToken: string;
    ownerId: string;
  }): Promise<RenderRegistryCredential> {
    return this.call("create-registry-credential", "POST", "/registrycredentials", { body });
  }

  updateRegistryCredential(
    id: string,
    body: { name: string; registry: RenderRegistry; username: string; authToken: string },
  ): Promise<RenderRegistryCredential> {
    return this.call("update-registry-credential", "PATCH", `/registrycredentials/${encodeURIComponent(id)}`, { body });
  }

  async deleteRegistryCredential(id: string): Promise<void> {
    await this.call("delete-registry-credential", "DELETE", `/registrycredentials/${encodeURIComponent(id)}`);
  }

  async listCustomDomains(id: string): Promise<RenderCustomDomain[]> {
    const page = await this.paginate<{ customDomain: RenderCustomDomain }>(
      "list-custom-domains",
      `/services/${encodeURIComponent(id)}/custom-domains`,
    );
    return page.map((item) => item.customDomain);
  }

  async addCustomDomain(id: string, name: string): Promise<void> {
    await this.call("create-custom-domain", "POST", `/services/${encodeURIComponent(id)}/custom-domains`, {
      body: { name },
    });
  }

  async removeCustomDomain(id: string, name: string): Promise<void> {
    await this.call(
      "delete-custom-domain",
      "DELETE",
      `/services/${encodeURIComponent(id)}/custom-domains/${encodeURIComponent(name)}`,
    );
  }

  /**
   * Deploys this exact image (by digest) to the service. Render answers 201 with the deploy,
   * or 202 with no body when it queued the deploy behind another: then this is undefined, and
   * the deploy is the newest one listed afterwards.
   */
  triggerDeploy(id: string, imageUrl: string): Promise<RenderDeploy | undefined> {
    return this.call("create-deploy", "POST", `/services/${encodeURIComponent(id)}/deploys`, {
      body: { imageUrl, clearCache: "do_not_clear" },
    });
  }

  /** The service's most recent deploys, newest first. */
  async listRecentDeploys(id: string, limit = 20): Promise<RenderDeploy[]> {
    const page = await this.call<Array<{ deploy: RenderDeploy; cursor: string }>>(
      "list-deploys",
      "GET",
      `/services/${encodeURIComponent(id)}/deploys`,
      { query: { limit } },
    );
    return page.map((item) => item.deploy);
  }

  getDeploy(id: string, deployId: string): Promise<RenderDeploy> {
    return this.call(
      "retrieve-deploy",
      "GET",
      `/services/${encodeURIComponent(id)}/deploys/${encodeURIComponent(deployId)}`,
    );
  }

  /** Every item of a cursor-paginated list: Render returns `{..., cursor}` items, fewer than the limit on the last page. */
  private async paginate<T>(operation: string, path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.call<Array<T & { cursor: string }>>(operation, "GET", path, {
        query: { ...query, limit: PAGE_LIMIT, cursor },
      });
      items.push(...page);
      if (page.length < PAGE_LIMIT) return items;
      cursor = page[page.length - 1].cursor;
    }
  }

  /**
   * One API call: a 429 is waited out within the rate limit budget and tried again; a 5xx or
   * no answer is tried again with exponential backoff and full jitter, unless the call is not
   * idempotent; any other 4xx is final.
   */
  private async call<T>(
    operation: string,
    method: string,
    path: string,
    options: { body?: unknown; query?: Query; idempotent?: boolean } = {},
  ): Promise<T> {
    const budget = new RateLimitBudget(this.options.rateLimitWaitSeconds, this.log);
    for (;;) {
      try {
        return await backOff(() => this.once<T>(operation, method, path, options), {
          numOfAttempts: options.idempotent === false ? 1 : this.options.maxAttempts,
          startingDelay: this.options.baseDelayMs,
          maxDelay: this.options.maxDelayMs,
          timeMultiple: 2,
          jitter: "full",
          retry: (err: unknown) => err instanceof RenderApiError && err.retryable,
        });
      } catch (err) {
        if (!(err instanceof RenderApiError) || err.status !== 429) throw err;
        await budget.waitOut(err);
      }
    }
  }

  private async once<T>(
    operation: string,
    method: string,
    path: string,
    options: { body?: unknown; query?: Query },
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url(path, options.query), {
        method,
        headers: {
          Authorization: `Bearer ${this.apiKey}`,
          Accept: "application/json",
          ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const reason =
        err instanceof Error && err.name === "TimeoutError"
          ? `no answer within ${this.options.timeoutMs} ms`
          : "network error";
      throw new RenderApiError(operation, 0, reason);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new RenderApiError(
        operation,
        response.status,
        renderMessage(text, response.statusText),
        rateLimitHeaders(response.headers),
      );
    }
    const json = (response.headers.get("content-type") ?? "").includes("json");
    return (json && text ? JSON.parse(text) : undefined) as T;
  }

  private url(path: string, query: Query = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    return url.toString();
  }
}

/** The Ratelimit-* and Retry-After headers of an answer, as numbers. */
function rateLimitHeaders(headers: Headers): RateLimitHeaders {
  const read = (name: string) => {
    const value = Number(headers.get(name) ?? NaN);
    return Number.isFinite(value) ? value : undefined;
  };
  return {
    limit: read("ratelimit-limit"),
    remaining: read("ratelimit-remaining"),
    resetSeconds: read("ratelimit-reset"),
    retryAfterSeconds: read("retry-after"),
  };
}

/** Render's `{message}` error body, or the status text when there is none. */
function renderMessage(body: string, fallback: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string" && parsed.message) return parsed.message;
  } catch {
    // Not JSON: fall back to the status text.
  }
  return fallback || "no message";
}
