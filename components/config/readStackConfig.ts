import * as pulumi from "@pulumi/pulumi";
import type { CrossCheck, PlatformDefinition, PlatformRegistry } from "../contract/platform";
import type { AppSpec } from "../contract/appSpec";
import { ConfigError, type ConfigProblem } from "../contract/configProblem";
import { derivedNameProblems } from "../contract/derivedNames";
import { DEFAULT_CANARY_STEPS, rolloutProblems } from "../contract/rollout";
import { problemsFromIssues, type SecretPathTest } from "./issueProblems";
import { noImageYet, readDeployedImage } from "./deployedImage";
import { type ImageRef, parseImageRef } from "../contract/imageRef";
import { guardUnknown, isUnknownIn, parseKnown, UnknownValue } from "./knownValues";
import { plaintextSecretsInConfig, plaintextSecretsInStackFile } from "./plaintextSecrets";
import { SECRET_LOOKING_NAME } from "../contract/secretNames";
import { isSecretIn } from "./secretSetting";
import { configKeysOf } from "../contract/specProblem";
import { type AppSettings, type BaseStackConfig, baseStackSchema, DEFAULT_MAX_INSTANCES } from "./stackConfigSchema";

const NAMESPACE = "skyport";
/** Shared keys whose values are objects; every platform's block is one too. */
const SHARED_OBJECT_KEYS = ["app", "secrets", "registryAuth", "rolloutStep"];

/** A stack's config, validated: the platform to use, its settings and the app spec. */
export interface StackConfig {
  platform: string;
  definition: PlatformDefinition<unknown>;
  settings: unknown;
  spec: AppSpec;
}

/** Where a stack that names no `skyport:image` gets the image it runs. */
export type DeployedImageSource = () => Promise<string | undefined>;

/**
 * Reads every `skyport:*` key of the current stack and validates all of it, the platform's
 * own block included, before anything is registered. Rejects with one ConfigError listing every
 * problem, each naming the key, the bad value and what is allowed. A secret written in plain
 * text in the stack file, or given in plain text any other way, is one of them (see
 * plaintextSecrets.ts).
 *
 * The image is `skyport:image` when the stack (or the pipeline's deploy) names one; otherwise
 * it is the image the stack's last deployment ran (`deployedImage`, default: the stack's own
 * `image` output), and a stack never deployed is refused with how to give one.
 */
export async function readStackConfig(
  registry: PlatformRegistry,
  deployedImage: DeployedImageSource = readDeployedImage,
): Promise<StackConfig> {
  const stack = pulumi.getStack();
  const names = Object.keys(registry);
  const knownKeys = ["platform", ...Object.keys(baseStackSchema.shape), ...names];
  const objectKeys = new Set([...SHARED_OBJECT_KEYS, ...names]);
  const raw = readNamespace(objectKeys);
  const problems: ConfigProblem[] = Object.keys(raw)
    .filter((key) => !knownKeys.includes(key))
    .map((key) => ({ key: `${NAMESPACE}:${key}`, expected: unknownKeyHint(key, knownKeys, objectKeys) }));

  const platform = names.find((name) => name === raw.platform);
  const definition = platform === undefined ? undefined : registry[platform];
  if (!definition) {
    const problem = { key: `${NAMESPACE}:platform`, expected: `one of ${names.join(", ")}` };
    problems.push(raw.platform === undefined ? { ...problem, missing: true } : { ...problem, value: raw.platform });
  }
  const isSecret = secretConfigTest(platform, definition);

  const base = parseKnown(baseStackSchema, raw);
  problems.push(...problemsFromIssues(base.issues, raw, hiddenInErrors(isSecret)));

  const block = platform && definition ? parseKnown(definition.settingsSchema, raw[platform]) : undefined;
  if (platform && block) {
    const inBlock = block.issues.map((issue) => ({ ...issue, path: [platform, ...issue.path] }));
    problems.push(...problemsFromIssues(inBlock, raw, isSecret));
  }

  const inFile = plaintextSecretsInStackFile(stack, isSecret);
  const given = plaintextSecretsInConfig(stack, raw, isSecret).filter((p) => !inFile.some((f) => f.key === p.key));
  problems.push(...inFile, ...given);

  const data = (base.value ?? {}) as Partial<BaseStackConfig>;
  let image = isUnknownIn(base.unknownPaths, "image") ? undefined : data.image;
  if (!image && problems.length === 0) {
    // The backend is read only for a config that is otherwise good.
    image = await deployedImage();
    if (!image) problems.push({ key: `${NAMESPACE}:image`, missing: true, expected: noImageYet(stack) });
  }

  const spec = toAppSpec(data, image ? parseImageRef(image) : NO_IMAGE, stack);
  if (definition && block) {
    const unknownInSpec = image ? base.unknownPaths : [...base.unknownPaths, "image"];
    const knownSpec = guardUnknown(spec, configKeysOf, (key) => isUnknownIn(unknownInSpec, key));
    const knownSettings = guardUnknown(
      block.value ?? {},
      (key) => [key],
      (key) => isUnknownIn(block.unknownPaths, key),
    );
    const nameLimits: CrossCheck<unknown> = (app, settings) =>
      derivedNameProblems(definition.name, app, definition.derivedNames(app, settings));
    const rollout: CrossCheck<unknown> = (app) => rolloutProblems(definition.name, app, definition.rollout);
    problems.push(...runCrossChecks([...definition.crossChecks, nameLimits, rollout], knownSpec, knownSettings));
  }

  if (problems.length > 0 || !platform || !definition || !block || !image) {
    throw new ConfigError(stack, problems);
  }
  return { platform, definition, settings: block.value, spec };
}

/** Stands in for an image that is not known yet; the guard keeps every rule from reading it. */
const NO_IMAGE: ImageRef = { ref: "", registry: "", repository: "", digest: "" };

/** Every rule's problems; a rule that reads an unknown value is skipped (see UnknownValue). */
function runCrossChecks(checks: ReadonlyArray<CrossCheck<unknown>>, spec: AppSpec, settings: unknown): ConfigProblem[] {
  return checks.flatMap((check) => {
    try {
      return check(spec, settings);
    } catch (error) {
      if (error instanceof UnknownValue) return [];
      throw error;
    }
  });
}

/**
 * The AppSpec of a config. With a config that has problems, it is built from the values that
 * are valid, and the guard around it stops a rule from reading the rest.
 */
function toAppSpec(
  { app = {} as AppSettings, secrets = {}, registryAuth, environment, rolloutStep }: Partial<BaseStackConfig>,
  image: ImageRef,
  stack: string,
): AppSpec {
  return {
    name: app.name,
    image,
    port: app.port,
    env: app.env,
    secretEnv: secrets,
    cpu: app.cpu,
    memoryMiB: app.memory,
    scaling: {
      min: app.minInstances,
      max: app.maxInstances ?? Math.max(app.minInstances, DEFAULT_MAX_INSTANCES),
      targetCpuPercent: app.targetCpuPercent,
    },
    rollout: {
      strategy: app.rollout?.strategy,
      steps: app.rollout?.strategy === "canary" ? (app.rollout.steps ?? [...DEFAULT_CANARY_STEPS]) : [],
      bakeMinutes: app.rollout?.bakeMinutes,
      rollbackOnAlarm: app.rollout?.rollbackOnAlarm,
      ...(rolloutStep ? { step: rolloutStep } : {}),
    },
    healthCheckPath: app.healthCheckPath,
    readinessPath: app.readinessPath,
    ...(app.domain ? { domain: app.domain } : {}),
    public: app.public,
    ...(registryAuth ? { registryAuth } : {}),
    environment: environment ?? stack,
  };
}

/**
 * What to say about an unknown top-level key. `skyport:app.memory` set without `--path` arrives
 * as one flat key named `app.memory`: say how to set the nested one.
 */
function unknownKeyHint(key: string, knownKeys: readonly string[], objectKeys: ReadonlySet<string>): string {
  const [top, ...rest] = key.split(".");
  if (rest.length > 0 && objectKeys.has(top)) {
    return `unknown key; to set ${rest.join(".")} inside skyport:${top}, use \`pulumi config set --path '${NAMESPACE}:${key}' <value>\` (--path makes it nested) and remove this flat key`;
  }
  return `unknown key; allowed keys: ${knownKeys.join(", ")}`;
}

/**
 * Which `skyport:*` values are secret, by path below the namespace: the shared schema's and the
 * active platform's secretStrings.
 */
export function secretConfigTest(
  platform: string | undefined,
  definition: PlatformDefinition<unknown> | undefined,
): SecretPathTest {
  return (path) =>
    platform !== undefined && path[0] === platform
      ? definition !== undefined && isSecretIn(definition.settingsSchema, path.slice(1))
      : isSecretIn(baseStackSchema, path);
}

/** A secret's value, or a plain env value under a secret-looking name: never shown in an error. */
function hiddenInErrors(isSecret: SecretPathTest): SecretPathTest {
  return (path) =>
    isSecret(path) || (path[0] === "app" && path[1] === "env" && SECRET_LOOKING_NAME.test(String(path[2])));
}

/** Every `skyport:*` key, objects parsed from the JSON Pulumi hands them over as. */
function readNamespace(objectKeys: ReadonlySet<string>): Record<string, unknown> {
  const prefix = `${NAMESPACE}:`;
  return Object.fromEntries(
    Object.entries(pulumi.runtime.allConfig())
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => {
        const name = key.slice(prefix.length);
        return [name, objectKeys.has(name) ? parseJson(value) : value];
      }),
  );
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
