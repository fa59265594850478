import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { type ProjectFile, readProjectFileIn, stackFilePath } from "../../../components/config/projectFile";
import { isSecureValue } from "../../../components/config/secureValue";
import { SECRET_MARK } from "./planValues";

/** The nearest folder at or above `dir` that holds a Pulumi.yaml. */
function projectRoot(dir: string): string {
  if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
  const up = dirname(dir);
  if (up === dir) throw new Error("no Pulumi.yaml above the running code");
  return projectRoot(up);
}

/**
 * The repository root, where Pulumi.yaml lives. Found upward from this code's folder, which is
 * this file's under tsx and the entry point's when bundled (bundler/register.cjs).
 */
// eslint-disable-next-line no-restricted-globals -- only a folder inside the project is needed
export const PROJECT_DIR = projectRoot(__dirname);

/** Config as the Pulumi runtime hands it to a program: every value a string, plus the secret keys. */
export interface RuntimeConfig {
  config: Record<string, string>;
  secretKeys: string[];
}

/** Reads this project's Pulumi.yaml (or the one in `dir`). */
export function readProjectFile(dir = PROJECT_DIR): ProjectFile {
  return readProjectFileIn(dir);
}

export { type ProjectFile, stackFilePath };

/** A stack file's `config:` map as written: namespaced keys, nested values, `secure:` values. */
export function readStackConfigMap(path: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`cannot read stack file ${path}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const config = (document as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new Error(`stack file ${path}: 'config' must be a map of keys to values`);
  }
  return config as Record<string, unknown>;
}

/**
 * Reads a stack file (`config:` of namespaced keys) into runtime config. A `secure:` value
 * cannot be decrypted offline, so it becomes a placeholder and its key is marked secret, as
 * Pulumi marks a key secret when any value inside it is.
 */
export function readStackFile(path: string): RuntimeConfig {
  return toRuntimeConfig(readStackConfigMap(path));
}

/**
 * Turns a stack file's `config:` map into runtime config: objects as JSON, scalars as strings,
 * `secure:` values as placeholders under secret keys.
 */
export function toRuntimeConfig(config: Record<string, unknown>): RuntimeConfig {
  const result: RuntimeConfig = { config: {}, secretKeys: [] };
  for (const [key, value] of Object.entries(config)) {
    const { plain, secret } = replaceSecure(value);
    result.config[key] = typeof plain === "object" && plain !== null ? JSON.stringify(plain) : String(plain);
    if (secret) result.secretKeys.push(key);
  }
  return result;
}

function replaceSecure(value: unknown): { plain: unknown; secret: boolean } {
  if (isSecureValue(value)) return { plain: SECRET_MARK, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(replaceSecure);
    return { plain: items.map((item) => item.plain), secret: items.some((item) => item.secret) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, inner]) => [key, replaceSecure(inner)] as const);
    return {
      plain: Object.fromEntries(entries.map(([key, inner]) => [key, inner.plain])),
      secret: entries.some(([, inner]) => inner.secret),
    };
  }
  return { plain: value, secret: false };
}
