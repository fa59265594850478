import { z } from "zod";

/** Everything the app reads from its environment, with its defaults. */
const appEnvSchema = z.object({
  /** TCP port to listen on; 0 picks a free one. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind. Default all IPv4 interfaces. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Deployment environment shown by /api/version. Default "development". */
  ENVIRONMENT: z.string().min(1).default("development"),
  /** Release version shown by /api/version. Default "0.0.0-dev". */
  APP_VERSION: z.string().min(1).default("0.0.0-dev"),
  /** Commit the image was built from. Default "unknown". */
  GIT_COMMIT: z.string().min(1).default("unknown"),
  /** Platform the app runs on (ecs, kubernetes, cloudrun, render). Default "local". */
  PLATFORM: z.string().min(1).default("local"),
  /** pino log level. Default "info". */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How long a shutdown may drain in-flight requests, in ms. Default 10000. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Most items the in-memory store holds. Default 10000. */
  ITEMS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
});

export type AppConfig = z.infer<typeof appEnvSchema>;

/** Thrown when an environment variable holds a value the app cannot use. */
export class AppConfigError extends Error {
  override name = "AppConfigError";
}

/** Reads and validates the app's configuration; an error names each bad variable and its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.keys(appEnvSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== "")
      .map((key) => [key, env[key]]),
  );
  const parsed = appEnvSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return `${key}=${JSON.stringify(env[key])}: ${issue.message}`;
  });
  throw new AppConfigError(`invalid environment: ${problems.join("; ")}`);
}
