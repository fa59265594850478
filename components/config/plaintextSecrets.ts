import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { ConfigProblem } from "../contract/configProblem";
import type { SecretPathTest } from "./issueProblems";
import { readProjectFileIn, stackFilePath } from "./projectFile";
import { isSecureValue } from "./secureValue";

const NAMESPACE = "skyport";

/**
 * Whether the engine marked a config key secret. The SDK exports this from its runtime (its own
 * Config warns with it when a secret is read with get) but leaves it out of its types; the
 * engine tier checks it against the real engine.
 */
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret: (key: string) => boolean }).isConfigSecret;

/**
 * The variable naming the file a stack's config comes from when it is not the stack's own file
 * under the project: skyport's tools set it when they pass `--config-file` to the engine (and
 * `npm run plan --config-file` when it reads one), so that file is judged as a stack file is.
 */
export const CONFIG_FILE_VARIABLE = "SKYPORT_CONFIG_FILE";

/** The file a stack's config comes from: the one CONFIG_FILE_VARIABLE names, or the stack file under the project. */
function configFileOf(stack: string, projectDir: string): string | undefined {
  const named = process.env[CONFIG_FILE_VARIABLE];
  if (named) return named;
  if (!existsSync(join(projectDir, "Pulumi.yaml"))) return undefined;
  const path = stackFilePath(readProjectFileIn(projectDir), stack);
  return existsSync(path) ? path : undefined;
}

/** Every leaf under a value, with its path; a `{secure: …}` value is one leaf. */
function leaves(value: unknown, path: string[] = []): Array<{ path: string[]; value: unknown }> {
  if (isSecureValue(value) || value === null || typeof value !== "object") return [{ path, value }];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
}

/** A plain-text secret at a key: where it was found, and the command that sets it encrypted. */
function plaintextProblem(stack: string, key: string, where: string): ConfigProblem {
  return {
    key,
    secret: true,
    value: "",
    expected: `a Pulumi secret, but it is in plain text ${where}. Set it encrypted with \`pulumi config set --stack ${stack} --secret --path '${key}' <value>\``,
  };
}

/**
 * The values that must be Pulumi secrets but are written in plain text in the stack's config
 * file, and so are committed to git: every `skyport:*` value that `isSecret` says is secret,
 * such as each value under `skyport:secrets` and the active platform's secret settings. The file
 * is the stack file under the project, or the one a `--config-file` named (CONFIG_FILE_VARIABLE).
 * Each problem names the key and gives the command that sets it as a secret, never the value.
 */
export function plaintextSecretsInStackFile(
  stack: string,
  isSecret: SecretPathTest,
  projectDir = process.cwd(),
): ConfigProblem[] {
  const file = configFileOf(stack, projectDir);
  if (!file || !existsSync(file)) return [];
  const document = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const config = document?.config ?? {};
  const prefix = `${NAMESPACE}:`;
  const inProject = !relative(projectDir, file).startsWith("..");
  const where = inProject
    ? `in ${relative(projectDir, file)} (and so in git: treat it as leaked)`
    : `in ${file} (if it was ever committed, treat it as leaked)`;
  return Object.entries(config)
    .filter(([key]) => key.startsWith(prefix))
    .flatMap(([key, value]) => leaves(value, [key.slice(prefix.length)]))
    .filter((leaf) => isSecret(leaf.path) && leaf.value !== undefined && !isSecureValue(leaf.value))
    .map(({ path }) => plaintextProblem(stack, `${NAMESPACE}:${path.join(".")}`, where));
}

/**
 * The values that must be secrets but reached the program in plain text however the config was
 * given (a file named with `--config-file`, `--config` on the command line): a secret value of
 * the schema under a top-level key the engine did not mark secret. `namespace` is every
 * `skyport:*` value, by its key without the prefix. The engine marks a key secret when any value
 * inside it is, so a key that mixes secret and plain values is left to the file check.
 */
export function plaintextSecretsInConfig(
  stack: string,
  namespace: Record<string, unknown>,
  isSecret: SecretPathTest,
): ConfigProblem[] {
  return Object.entries(namespace)
    .filter(([key]) => !isConfigSecret(`${NAMESPACE}:${key}`))
    .flatMap(([key, value]) => leaves(value, [key]))
    .filter((leaf) => isSecret(leaf.path) && leaf.value !== undefined)
    .map(({ path }) => plaintextProblem(stack, `${NAMESPACE}:${path.join(".")}`, "in the config the engine was given"));
}
