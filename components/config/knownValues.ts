import type { z } from "zod";
import { objectShapeOf } from "./schemaWalk";

/**
 * Thrown when a rule reads a value that is not valid. The rule is skipped: that value's own
 * problem is already reported, and a rule about it could only repeat or guess.
 */
export class UnknownValue extends Error {
  constructor(readonly key: string) {
    super(`${key} is not valid, so no rule can read it`);
  }
}

/** A value parsed as far as it is valid, the problems found, and the dotted paths they make unknown. */
export interface KnownValue {
  value: unknown;
  issues: z.core.$ZodIssue[];
  unknownPaths: string[];
}

/**
 * Parses `raw` with `schema`; where that fails, parses each field of an object alone (with its
 * default), so one bad field does not hide the good ones beside it. Every path a problem was
 * found at is unknown, refinements across fields included; an unknown key makes nothing else
 * unknown.
 */
export function parseKnown(schema: z.ZodType, raw: unknown): KnownValue {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data, issues: [], unknownPaths: [] };
  const issues = parsed.error.issues;
  const unknownPaths = issues
    .filter((issue) => issue.code !== "unrecognized_keys")
    .map((issue) => issue.path.map(String).join("."));
  const shape = objectShapeOf(schema);
  const fields = raw === undefined ? {} : raw;
  if (!shape || fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    return { value: undefined, issues, unknownPaths: [""] };
  }
  const value = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [
      key,
      parseKnown(field, (fields as Record<string, unknown>)[key]).value,
    ]),
  );
  return { value, issues, unknownPaths };
}

/** True when `key` (dotted) is, contains or sits inside one of the unknown paths. */
export function isUnknownIn(unknownPaths: readonly string[], key: string): boolean {
  return unknownPaths.some(
    (path) => path === "" || path === key || path.startsWith(`${key}.`) || key.startsWith(`${path}.`),
  );
}

/**
 * The object, except that reading a property whose value is unknown throws UnknownValue.
 * `sourcesOf` says which config keys a property is made from.
 */
export function guardUnknown<T extends object>(
  value: T,
  sourcesOf: (property: string) => readonly string[],
  isUnknown: (key: string) => boolean,
): T {
  return new Proxy(value, {
    get(target, property, receiver) {
      if (typeof property === "string") {
        const unknownSource = sourcesOf(property).find(isUnknown);
        if (unknownSource !== undefined) throw new UnknownValue(unknownSource);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
