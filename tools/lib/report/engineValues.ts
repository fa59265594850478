/** How the engine writes values in a preview document and an event log, and what they are. */

/** The key of Pulumi's wire signatures: an object that has it is a special value. */
const SIGNATURE = "4dabf18193072939515e22adb298388d";
const SIGNATURES = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
  resource: "5cf8f73096256a8f31e491e813e4eb8e",
  output: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
} as const;

/** How the engine writes a secret in `pulumi preview --json`. */
export const MASKED_SECRET = "[secret]";

/** The value the engine writes for an output not known until the update runs. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Keys the engine and providers keep for themselves, never shown: the bridged providers'
 * `__defaults`, and the Kubernetes provider's `__inputs`, `__fieldManager` and
 * `__initialApiVersion` in a resource's outputs.
 */
export const BOOKKEEPING_KEYS = new Set(["__defaults", "__inputs", "__fieldManager", "__initialApiVersion"]);

/** The dynamic provider's serialized code: it changes with the program's source, and says nothing. */
export const PROVIDER_CODE_KEY = "__provider";

/** What a value is, as a reviewer needs to tell. */
export type EngineValue =
  | { kind: "secret" }
  | { kind: "unknown" }
  | { kind: "asset" | "archive"; hash?: string; source?: string }
  | { kind: "resource"; urn?: string }
  | { kind: "plain"; value: unknown };

/** Classifies one value of the engine's documents. */
export function engineValue(value: unknown): EngineValue {
  if (value === MASKED_SECRET) return { kind: "secret" };
  if (value === UNKNOWN_VALUE) return { kind: "unknown" };
  if (typeof value !== "object" || value === null || !(SIGNATURE in value)) return { kind: "plain", value };
  const record = value as Record<string, unknown>;
  switch (record[SIGNATURE]) {
    case SIGNATURES.asset:
    case SIGNATURES.archive: {
      const source = ["path", "uri"]
        .map((key) => record[key])
        .find((found): found is string => typeof found === "string");
      return {
        kind: record[SIGNATURE] === SIGNATURES.asset ? "asset" : "archive",
        ...(typeof record.hash === "string" ? { hash: record.hash } : {}),
        ...(source ? { source } : typeof record.text === "string" ? { source: "inline text" } : {}),
      };
    }
    case SIGNATURES.resource:
      return { kind: "resource", ...(typeof record.urn === "string" ? { urn: record.urn } : {}) };
    case SIGNATURES.output:
      return "value" in record ? engineValue(record.value) : { kind: "unknown" };
    default:
      // A secret, or a special value this reader does not know: masked, never opened.
      return { kind: "secret" };
  }
}

/** True for a secret in the engine's output: masked text, or a signed secret value. */
export function isMaskedSecret(value: unknown): boolean {
  return engineValue(value).kind === "secret";
}

/** True for a value made of keys and values to compare one by one (not a special value). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(SIGNATURE in value);
}

/** A value without the engine's bookkeeping keys, at any depth. */
export function withoutBookkeeping(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBookkeeping);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !BOOKKEEPING_KEYS.has(key))
      .map(([key, inner]) => [key, withoutBookkeeping(inner)]),
  );
}

/** Pulumi's colour directives (`<{%reset%}>`, `<{%fg 1%}>`), which an event log written with colour holds. */
const COLOUR_DIRECTIVE = /<\{%[^%]*%\}>/g;

/** Engine text without colour directives, whatever colour mode wrote it. */
export function withoutColour(text: string): string {
  return text.replace(COLOUR_DIRECTIVE, "");
}
