import type { RenderPlan, RenderRegion, RenderRegistry } from "./api/types";

/** The RenderService's type token, served by the skyport-render provider plugin (components/render/plugin). */
export const RENDER_SERVICE_TYPE = "skyport-render:index:Service";

/** How the provider reaches Render. */
export interface RenderConnection {
  /** API base URL. Default Render's. */
  baseUrl?: string;
  /** Time limit per HTTP call, ms. */
  timeoutMs?: number;
  /** Tries per call. */
  maxAttempts?: number;
  /** First backoff delay, ms. */
  baseDelayMs?: number;
  /** Longest wait between tries, ms. */
  maxDelayMs?: number;
  /** Longest total wait for rate limits to reset in one API call, seconds. */
  rateLimitWaitSeconds?: number;
  /** Longest wait for a deploy to go live, seconds. */
  deployTimeoutSeconds: number;
  /** Seconds between deploy status reads. */
  deployPollSeconds: number;
}

/** The inputs of a RenderService, as its provider receives them (secrets decrypted). */
export interface RenderServiceInputs {
  connection: RenderConnection;
  /** API key; when absent the provider reads RENDER_API_KEY. Secret. */
  apiKey?: string;
  ownerId: string;
  name: string;
  plan: RenderPlan;
  region: RenderRegion;
  /** Image by digest. */
  image: string;
  healthCheckPath: string;
  /** Seconds Render waits after SIGTERM. */
  maxShutdownDelaySeconds: number;
  /** Fixed instance count, used when there is no autoscaling. */
  numInstances: number;
  /** CPU autoscaling between min and max, when max > min. */
  autoscaling?: { min: number; max: number; cpuPercent: number };
  /** Plain env vars. */
  envVars: Record<string, string>;
  /** Secret env vars. Secret. */
  secretEnvVars: Record<string, string>;
  /** Credentials for a private registry. The token is secret. */
  registry?: { registry: RenderRegistry; username: string; authToken: string };
  /** Custom domain. */
  customDomain?: string;
}

/** What a RenderService records after create, update or read. */
export interface RenderServiceOutputs extends RenderServiceInputs {
  serviceId: string;
  /** The service's onrender.com URL. */
  url: string;
  registryCredentialId?: string;
  deployId?: string;
  deployStatus?: string;
}

/** Inputs a change to which Render cannot make in place. */
export const REPLACE_ON_CHANGE = ["ownerId", "region"] as const;

/** Inputs that only say how to reach Render; changing them changes nothing there. */
export const CONNECTION_ONLY = ["connection", "apiKey"] as const;
