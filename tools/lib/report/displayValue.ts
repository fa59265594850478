import { engineValue, MASKED_SECRET } from "./engineValues";

/** Longest value shown whole, in characters. */
export const VALUE_WIDTH = 64;

/** Characters kept before the first difference when a long value is shown as a window. */
const LEAD = 16;

/** Characters a window shows after the first difference, at least. */
const TRAIL = 24;

/** What the comment says for a value the engine will know only once the update runs. */
export const KNOWN_AFTER_APPLY = "known after apply";

/**
 * Keeps a long value's start and end, where digests, ARNs and URLs differ, and drops its middle:
 * `ghcr.io/acme/app@sha256:9f4c1e…66778899aabbccd`. For a value shown alone; a changed value
 * is shown by {@link changedWindows}.
 */
export function shortenMiddle(text: string, max = VALUE_WIDTH): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** Where two texts first differ (their common prefix's length). */
function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function windowOf(text: string, start: number, max: number): string {
  const from = start > 0 ? start : 0;
  const room = max - (from > 0 ? 1 : 0);
  const cut = text.length - from > room;
  const body = text.slice(from, from + room - (cut ? 1 : 0));
  return `${from > 0 ? "…" : ""}${body}${cut ? "…" : ""}`;
}

/**
 * Two versions of a long value, each cut to the same window around their first difference,
 * so both sides show what changed rather than an identical start and end. A difference near
 * the start keeps the start: `ghcr.io/acme/app@sha256:9f4c…`.
 */
export function changedWindows(before: string, after: string, max = VALUE_WIDTH): [string, string] {
  if (before.length <= max && after.length <= max) return [before, after];
  const at = firstDifference(before, after);
  const start = at + TRAIL <= max ? 0 : at - LEAD;
  return [windowOf(before, start, max), windowOf(after, start, max)];
}

/** A value's text, with every secret inside it masked, before any shortening. */
export function valueText(value: unknown): string {
  const found = engineValue(value);
  switch (found.kind) {
    case "secret":
      return MASKED_SECRET;
    case "unknown":
      return KNOWN_AFTER_APPLY;
    case "asset":
    case "archive":
      return [found.kind, found.source, found.hash].filter(Boolean).join(" ");
    case "resource":
      return found.urn ?? "resource";
    case "plain":
      if (typeof found.value === "string") return found.value;
      return (
        JSON.stringify(found.value, (_key, inner: unknown) => {
          const kind = engineValue(inner).kind;
          return kind === "plain" ? inner : valueText(inner);
        }) ?? String(found.value)
      );
  }
}

/** A property value as one short line: secrets stay `[secret]`, unknowns read "known after apply". */
export function displayValue(value: unknown, max = VALUE_WIDTH): string {
  return shortenMiddle(valueText(value), max);
}
