import * as v from "valibot";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** An environment string that must hold a whole number in [min, max]. */
function wholeNumber(min: number, max: number) {
  const rule = `must be a whole number from ${min} to ${max}`;
  return v.pipe(v.string(), v.toNumber(rule), v.integer(rule), v.minValue(min, rule), v.maxValue(max, rule));
}

const text = v.pipe(v.string(), v.minLength(1));

/** Everything the app reads from its environment, with its defaults. */
const appEnvSchema = v.object({
  /** TCP port to listen on; 0 picks a free one. Default 3000. */
  PORT: v.optional(wholeNumber(0, 65535), "3000"),
  /** Interface to bind. Default all IPv4 interfaces. */
  HOST: v.optional(text, "0.0.0.0"),
  /** Deployment environment shown by /api/version. Default "development". */
  ENVIRONMENT: v.optional(text, "development"),
  /** Release version shown by /api/version. Default "0.0.0-dev". */
  APP_VERSION: v.optional(text, "0.0.0-dev"),
  /** Commit the image was built from. Default "unknown". */
  GIT_COMMIT: v.optional(text, "unknown"),
  /** Platform the app runs on (ecs, kubernetes, cloudrun, render). Default "local". */
  PLATFORM: v.optional(text, "local"),
  /** pino log level. Default "info". */
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`), "info"),
  /** How long a shutdown may drain in-flight requests, in ms. Default 10000. */
  SHUTDOWN_GRACE_MS: v.optional(wholeNumber(0, 300_000), "10000"),
  /** Most items the in-memory store holds. Default 10000. */
  ITEMS_MAX: v.optional(wholeNumber(1, 1_000_000), "10000"),
});

export type AppConfig = v.InferOutput<typeof appEnvSchema>;

/** Thrown when an environment variable holds a value the app cannot use. */
export class AppConfigError extends Error {
  override name = "AppConfigError";
}

/** Reads and validates the app's configuration; an error names each bad variable and its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.keys(appEnvSchema.entries)
      .filter((key) => env[key] !== undefined && env[key] !== "")
      .map((key) => [key, env[key]]),
  );
  const parsed = v.safeParse(appEnvSchema, present);
  if (parsed.success) return parsed.output;
  const problems = parsed.issues.map((issue) => {
    const key = String(issue.path?.[0]?.key);
    return `${key}=${JSON.stringify(env[key])}: ${issue.message}`;
  });
  throw new AppConfigError(`invalid environment: ${problems.join("; ")}`);
}
