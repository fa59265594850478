import { SECRET_LOOKING_NAME, secretHome } from "../contract/secretNames";
import { z } from "zod";
import { registryAuthSchema } from "./registryAuth";
import { secretString } from "./secretSetting";
import { RESERVED_ENV_NAMES } from "../contract/workload";
import { DEFAULT_CANARY_STEPS, ROLLOUT_STRATEGIES } from "../contract/rollout";
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

/** `skyport:app.rollout`: how a new release takes traffic; the deploy reads it to walk the steps. */
export const rolloutSchema = strictObject({
  strategy: z
    .enum(ROLLOUT_STRATEGIES, { error: ROLLOUT_STRATEGIES.join(", ") })
    .default("rolling")
    .describe(
      "rolling replaces instances a few at a time; blue-green starts the release beside the running one and switches all traffic after the smoke test; canary moves traffic through steps. A platform that cannot carry one out refuses it, naming what it offers.",
    ),
  steps: z
    .array(wholeNumber(1, 99), { error: "a list of percents, e.g. [10, 50]" })
    .min(1, { error: "at least one step, e.g. [10, 50]" })
    .optional()
    .meta({ default: `[${DEFAULT_CANARY_STEPS.join(", ")}] for canary` })
    .describe("A canary's percents of traffic, strictly increasing, in order; 100 comes last by itself."),
  bakeMinutes: wholeNumber(0, 1440).default(5).describe("How long each step must stay healthy before the next."),
  rollbackOnAlarm: z
    .boolean({ error: "true or false" })
    .default(false)
    .describe("Let the platform's own alarm (ECS: the target group's 5xx rate) roll a release back."),
}).superRefine((rollout, ctx) => {
  if (rollout.steps === undefined) return;
  if (rollout.strategy !== "canary") {
    ctx.addIssue({
      code: "custom",
      path: ["steps"],
      input: rollout.steps,
      message: `no steps: steps are a canary's, and the strategy is ${rollout.strategy}`,
    });
    return;
  }
  if (rollout.steps.some((step, i) => i > 0 && step <= rollout.steps![i - 1])) {
    ctx.addIssue({
      code: "custom",
      path: ["steps"],
      input: rollout.steps,
      message: "percents strictly increasing, each from 1 to 99, e.g. [10, 50] (100 comes last by itself)",
    });
  }
});

/** `skyport:app`: the cloud-neutral description of the app. */
export const appSchema = strictObject({
  name: dnsLabel(32).describe(
    "Names the app and every resource it gets; each platform's derived names must fit its cloud's limits.",
  ),
  port: wholeNumber(1, 65535).default(3000).describe("The port the container listens on; PORT is set to it."),
  cpu: positiveNumber(64)
    .default(1)
    .describe("vCPU per instance; each platform adds its own sizes (Kubernetes: whole millicores)."),
  memory: wholeNumber(128, 262_144).default(2048).describe("MiB per instance; each platform adds its own sizes."),
  minInstances: wholeNumber(0, 1000).default(1).describe("The fewest instances (Kubernetes and Render: at least 1)."),
  maxInstances: wholeNumber(1, 1000)
    .optional()
    .meta({ default: `the larger of minInstances and ${DEFAULT_MAX_INSTANCES}` })
    .describe("The most instances autoscaling may run; at least minInstances."),
  targetCpuPercent: wholeNumber(10, 95).default(70).describe("The average CPU utilisation autoscaling holds."),
  healthCheckPath: urlPath
    .default("/health")
    .describe("Liveness (and start-up, on Kubernetes): an instance failing it is restarted."),
  readinessPath: urlPath.default("/ready").describe("An instance takes traffic only while it answers 200 here."),
  domain: hostname
    .optional()
    .meta({ default: "none: the platform's own address" })
    .describe("The app's public hostname, served over HTTPS."),
  public: z
    .boolean({ error: "true or false" })
    .default(true)
    .describe(
      "Whether anyone on the internet may reach the app, the same intent on every platform (Render web services are always public); the exposing resource carries it as skyport-public and the policy pack checks it.",
    ),
  rollout: rolloutSchema
    .prefault({})
    .meta({ default: "a rolling release" })
    .describe("How a new release takes traffic: `strategy`, `steps`, `bakeMinutes`, `rollbackOnAlarm`."),
  env: z
    .record(userEnvName, envVarValue)
    .default({})
    .describe(
      "Plain environment variables. A name that looks like a secret (*_TOKEN, *_PASSWORD, *SECRET*, ...) is refused: it belongs in skyport:secrets.",
    ),
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
export const secretsSchema = z
  .record(userEnvName, secretString)
  .describe(
    "Secret environment variables, each set with `pulumi config set --secret --path 'skyport:secrets.NAME' <value>`; a value in plain text is refused. They stay Pulumi secrets all the way to the platform's secret store.",
  );

/**
 * The keys every stack shares, but `skyport:platform` (one of the registry's platforms) and the
 * platform's own block, which readStackConfig checks against the registry it is given.
 */
export const baseStackSchema = z
  .object({
    image: imageDigestRef
      .optional()
      .meta({ default: "the image the stack last deployed" })
      .describe("The image to deploy, by digest; a deploy names it, and a run that names none keeps the deployed one."),
    rolloutStep: strictObject({
      stable: imageDigestRef.describe("The release that keeps the rest of the traffic, by digest."),
      percent: wholeNumber(0, 100).describe("The candidate's percent: a canary step, or blue-green's 0 or 100."),
    })
      .optional()
      .meta({ default: "none: the release deploys whole" })
      .describe(
        "The step a canary or blue/green release's walk is at, set for that step's `pulumi up` and never kept in a stack file. Without it the release deploys whole, which is what previews and plans show.",
      ),
    environment: dnsLabel(63)
      .optional()
      .meta({ default: "the stack name" })
      .describe("The environment's name: it reaches the app as ENVIRONMENT and is part of derived names."),
    app: appSchema.describe("The app, the same on every platform."),
    secrets: secretsSchema.default({}),
    registryAuth: registryAuthSchema
      .optional()
      .meta({ default: "none: a public image" })
      .describe(
        "Credentials for the image's private registry, the same on every platform; each keeps them in its own secret store.",
      ),
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
