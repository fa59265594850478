import { isMaskedSecret, MASKED_SECRET } from "./propertyDiff";

/** The value the engine writes for an output that is not known until the update runs. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Longest value shown whole, in characters. */
export const VALUE_WIDTH = 64;

/**
 * Keeps a long value's start and end, where digests, ARNs and URLs differ, and drops its middle:
 * `ghcr.io/acme/app@sha256:9f4c1e…66778899aabbccd`.
 */
export function shortenMiddle(text: string, max = VALUE_WIDTH): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** A property value as one short line: secrets stay `[secret]`, unknowns read `[unknown]`. */
export function displayValue(value: unknown, max = VALUE_WIDTH): string {
  if (isMaskedSecret(value)) return MASKED_SECRET;
  if (value === UNKNOWN_VALUE) return "[unknown]";
  const text =
    typeof value === "string"
      ? value
      : (JSON.stringify(value, (_key, inner: unknown) => (isMaskedSecret(inner) ? MASKED_SECRET : inner)) ??
        String(value));
  return shortenMiddle(text, max);
}
