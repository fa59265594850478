/** One property an update or a replacement changes, as a reviewer reads it. */
export interface PropertyChange {
  /** Pulumi's property path: `image`, `autoscaling.max`, `envVars.LOG_LEVEL`, `ports[0]`. */
  path: string;
  kind: "add" | "update" | "delete";
  /** The value before, exactly as the engine wrote it (a secret stays `"[secret]"`); absent for add. */
  old?: unknown;
  /** The value after, exactly as the engine wrote it; absent for delete. */
  new?: unknown;
  /** The change forces the resource's replacement. */
  replaces?: boolean;
}

/** The engine's entry for one property in a step's `detailedDiff`. */
export interface EnginePropertyDiff {
  diffKind?: string;
  /** True when it compares old and new inputs; false when old outputs against new inputs. */
  inputDiff?: boolean;
}

/** How the engine writes a secret in `pulumi preview --json`. */
export const MASKED_SECRET = "[secret]";

/** Pulumi's wire signature of a secret value; such an object is shown masked, never opened. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** The dynamic provider's serialized code: it changes with the program's source, and says nothing. */
export const PROVIDER_CODE_KEY = "__provider";

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(SECRET_SIGNATURE in value);
}

/** A secret in the engine's output: masked text or a signed secret value. */
export function isMaskedSecret(value: Json): boolean {
  return value === MASKED_SECRET || (typeof value === "object" && value !== null && SECRET_SIGNATURE in value);
}

function sameValue(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Joins a path the way Pulumi writes one: `a.b`, `a[0]`, `a["with.dot"]`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
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

/** The value at a Pulumi property path, or undefined. */
export function valueAt(root: Json, path: string): Json {
  let value = root;
  for (const key of splitPath(path)) {
    if (typeof value !== "object" || value === null || isMaskedSecret(value)) return undefined;
    value = (value as Record<string | number, Json>)[key];
  }
  return value;
}

function leaves(value: Json, path: string): Array<[string, Json]> {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((item, i) => leaves(item, joinPath(path, i)));
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    return Object.keys(value)
      .sort()
      .flatMap((key) => leaves(value[key], joinPath(path, key)));
  }
  return [[path, value]];
}

function compare(old: Json, next: Json, path: string, out: PropertyChange[]): void {
  if (sameValue(old, next)) return;
  if (old === undefined) {
    for (const [leaf, value] of leaves(next, path)) out.push({ path: leaf, kind: "add", new: value });
    return;
  }
  if (next === undefined) {
    for (const [leaf, value] of leaves(old, path)) out.push({ path: leaf, kind: "delete", old: value });
    return;
  }
  if (isPlainObject(old) && isPlainObject(next)) {
    for (const key of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort()) {
      compare(old[key], next[key], joinPath(path, key), out);
    }
    return;
  }
  if (Array.isArray(old) && Array.isArray(next)) {
    for (let i = 0; i < Math.max(old.length, next.length); i++) compare(old[i], next[i], joinPath(path, i), out);
    return;
  }
  out.push({ path, kind: "update", old, new: next });
}

function withoutProviderCode(inputs: Record<string, Json> | undefined): Record<string, Json> {
  const { [PROVIDER_CODE_KEY]: _code, ...rest } = inputs ?? {};
  return rest;
}

/**
 * The leaf properties that differ between a step's old and new inputs, in path order. The
 * dynamic provider's code is left out, and a masked secret compares equal to a masked secret:
 * the engine shows no more, and neither do we.
 */
export function inputChanges(
  oldInputs: Record<string, Json> | undefined,
  newInputs: Record<string, Json> | undefined,
  replaceReasons: string[] = [],
): PropertyChange[] {
  const out: PropertyChange[] = [];
  compare(withoutProviderCode(oldInputs), withoutProviderCode(newInputs), "", out);
  return markReplacing(out, replaceReasons);
}

/**
 * What a refresh found changed outside the program: the new inputs against the old state's
 * outputs, on the inputs' own keys. A drift check's update has equal old and new inputs, and
 * its change is here (`numInstances: 3 → 1`).
 */
export function outputChanges(
  oldOutputs: Record<string, Json> | undefined,
  newInputs: Record<string, Json> | undefined,
): PropertyChange[] {
  const next = withoutProviderCode(newInputs);
  const old = Object.fromEntries(Object.keys(next).map((key) => [key, oldOutputs?.[key]]));
  const out: PropertyChange[] = [];
  compare(old, next, "", out);
  return out;
}

const DIFF_KINDS: Record<string, PropertyChange["kind"]> = {
  add: "add",
  "add-replace": "add",
  delete: "delete",
  "delete-replace": "delete",
  update: "update",
  "update-replace": "update",
};

/**
 * The properties the engine's `detailedDiff` names, with their values looked up in the old
 * inputs (or old outputs, when the engine compared against those) and the new inputs.
 */
export function detailedChanges(
  detailedDiff: Record<string, EnginePropertyDiff>,
  oldState: { inputs?: Record<string, Json>; outputs?: Record<string, Json> } | undefined,
  newInputs: Record<string, Json> | undefined,
): PropertyChange[] {
  return Object.keys(detailedDiff)
    .filter((path) => splitPath(path)[0] !== PROVIDER_CODE_KEY)
    .sort()
    .map((path) => {
      const { diffKind = "update", inputDiff = true } = detailedDiff[path];
      const kind = DIFF_KINDS[diffKind] ?? "update";
      const old = valueAt(inputDiff ? oldState?.inputs : oldState?.outputs, path);
      const next = valueAt(newInputs, path);
      return {
        path,
        kind,
        ...(kind === "add" ? {} : { old }),
        ...(kind === "delete" ? {} : { new: next }),
        ...(diffKind.endsWith("-replace") ? { replaces: true } : {}),
      };
    });
}

function markReplacing(changes: PropertyChange[], replaceReasons: string[]): PropertyChange[] {
  if (replaceReasons.length === 0) return changes;
  return changes.map((change) =>
    replaceReasons.some(
      (reason) =>
        change.path === reason || change.path.startsWith(`${reason}.`) || change.path.startsWith(`${reason}[`),
    )
      ? { ...change, replaces: true }
      : change,
  );
}

/** Top-level inputs the engine masked: a change among them is one the engine does not show. */
export function maskedInputs(inputs: Record<string, Json> | undefined): string[] {
  return leaves(withoutProviderCode(inputs), "")
    .filter(([, value]) => isMaskedSecret(value))
    .map(([path]) => path)
    .sort();
}

/** Whether the dynamic provider's code differs between the step's old and new inputs. */
export function providerCodeChanged(
  oldInputs: Record<string, Json> | undefined,
  newInputs: Record<string, Json> | undefined,
): boolean {
  return (oldInputs?.[PROVIDER_CODE_KEY] ?? null) !== (newInputs?.[PROVIDER_CODE_KEY] ?? null);
}
