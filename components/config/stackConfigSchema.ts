import { SECRET_LOOKING_NAME, secretHome } from "../contract/secretNames";
import { z } from "zod";
import { registryAuthSchema } from "./registryAuth";
import { secretString } from "./secretSetting";
import { RESERVED_ENV_NAMES } from "../contract/workload";
import {
  dnsLabel,
  envVarName,
  envVarValue,
  hostname,
  imageDigestRef,
  positiveNumber,
  strictObject,
  urlPath,
  wholeNumber,
} from "./schemaParts";

/** Default replica ceiling when maxInstances is not given (raised to minInstances if that is higher). */
export const DEFAULT_MAX_INSTANCES = 3;

/** An env or secret name that skyport does not set itself. */
const userEnvName = envVarName.refine((name) => !(RESERVED_ENV_NAMES as readonly string[]).includes(name), {
  error: `a name skyport does not set itself (reserved: ${RESERVED_ENV_NAMES.join(", ")})`,
});

/** `skyport:app`: the cloud-neutral description of the app. */
export const appSchema = strictObject({
  name: dnsLabel(32),
  port: wholeNumber(1, 65535).default(3000),
  cpu: positiveNumber(64).default(1),
  memory: wholeNumber(128, 262_144).default(2048),
  minInstances: wholeNumber(0, 1000).default(1),
  maxInstances: wholeNumber(1, 1000).optional(),
  targetCpuPercent: wholeNumber(10, 95).default(70),
  healthCheckPath: urlPath.default("/health"),
  readinessPath: urlPath.default("/ready"),
  domain: hostname.optional(),
  public: z.boolean({ error: "true or false" }).default(true),
  env: z.record(userEnvName, envVarValue).default({}),
}).superRefine((app, ctx) => {
  for (const name of Object.keys(app.env).filter((name) => SECRET_LOOKING_NAME.test(name))) {
    ctx.addIssue({ code: "custom", path: ["env", name], input: undefined, message: secretHome(name) });
  }
  if (app.maxInstances !== undefined && app.maxInstances < app.minInstances) {
    ctx.addIssue({
      code: "custom",
      path: ["maxInstances"],
      input: app.maxInstances,
      message: `a number at least minInstances (${app.minInstances})`,
    });
  }
});

export type AppSettings = z.output<typeof appSchema>;

/** `skyport:secrets`: secret environment variables, name → value, each a Pulumi secret. */
export const secretsSchema = z.record(userEnvName, secretString);

/**
 * The keys every stack shares, but `skyport:platform` (one of the registry's platforms) and the
 * platform's own block, which readStackConfig checks against the registry it is given.
 */
export const baseStackSchema = z
  .object({
    image: imageDigestRef.optional(),
    environment: dnsLabel(63).optional(),
    app: appSchema,
    secrets: secretsSchema.default({}),
    registryAuth: registryAuthSchema.optional(),
  })
  .superRefine((stack, ctx) => {
    for (const name of Object.keys(stack.secrets)) {
      if (name in stack.app.env) {
        ctx.addIssue({
          code: "custom",
          path: ["secrets", name],
          input: undefined,
          message: `a name not also in skyport:app.env (${name} is in both)`,
        });
      }
    }
  });

export type BaseStackConfig = z.output<typeof baseStackSchema>;
