import { isMaskedSecret, MASKED_SECRET } from "./engineValues";

/** One step of a property path: a key, a list index, or a list element named by its key field. */
export type PathKey = string | number | { field: string; value: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Joins a path the way Pulumi writes one (`a.b`, `a[0]`, `a["with.dot"]`), and a list element
 * named by its key field the way Kubernetes writes one (`env[name="LOG_LEVEL"]`).
 */
export function joinPath(parent: string, key: PathKey): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (typeof key === "object") return `${parent}[${key.field}=${JSON.stringify(key.value)}]`;
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Splits a Pulumi property path (`a.b[0]["c.d"]`) into its keys. */
export function splitPath(path: string): Array<string | number> {
  const keys: Array<string | number> = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else keys.push(JSON.parse(`"${match[3]}"`) as string);
  }
  return keys;
}

/** A path of keys, written back. */
export function pathOf(keys: Array<string | number>): string {
  return keys.reduce<string>((parent, key) => joinPath(parent, key), "");
}

/**
 * The value at a Pulumi property path, or undefined. A path into a secret gives the masked
 * secret: the engine masks the whole value, and whatever changed inside it is a secret too.
 */
export function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of splitPath(path)) {
    if (isMaskedSecret(value)) return MASKED_SECRET;
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
