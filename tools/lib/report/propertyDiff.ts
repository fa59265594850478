import { BOOKKEEPING_KEYS, engineValue, isPlainObject, PROVIDER_CODE_KEY, withoutBookkeeping } from "./engineValues";
import { joinPath, type PathKey, pathOf, splitPath, valueAt } from "./propertyPath";

/** One property an update or a replacement changes, as a reviewer reads it. */
export interface PropertyChange {
  /** Pulumi's property path: `image`, `autoscaling.max`, `envVars.LOG_LEVEL`, `ports[0]`. */
  path: string;
  /** Added (absent before), updated, or removed (absent after). */
  kind: "add" | "update" | "delete";
  /** The value before, exactly as the engine wrote it (a secret stays `"[secret]"`); absent for add. */
  old?: unknown;
  /** The value after, exactly as the engine wrote it; absent for delete. */
  new?: unknown;
  /** The change forces the resource's replacement. */
  replaces?: boolean;
  /** For a property that holds JSON (a policy, container definitions): the path inside it. */
  jsonPath?: string;
  /** For a list or set: the elements it gained and lost, when positions say less. */
  elements?: { added: unknown[]; removed: unknown[] };
}

/** The engine's entry for one property in a step's `detailedDiff`. */
export interface EnginePropertyDiff {
  /** The diff's kind, as a `pulumi preview --json` document spells it. */
  kind?: string;
  /** The same, as the engine's event log spells it. */
  diffKind?: string;
  /** True when it compares old and new inputs; false when old outputs against new inputs. */
  inputDiff?: boolean;
}

type Json = unknown;

const sameValue = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** A string's JSON, when it holds an object or a list (a policy, container definitions). */
function parsedJson(value: Json): object | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Where a change sits: a property's path, and for a property that holds JSON, the path inside it. */
interface Place {
  path: string;
  jsonPath?: string;
}

/** The place one key further in: inside the JSON when the place is in JSON already. */
function child(place: Place, key: PathKey): Place {
  return place.jsonPath !== undefined
    ? { path: place.path, jsonPath: joinPath(place.jsonPath, key) }
    : { path: joinPath(place.path, key) };
}

function leaves(value: Json, place: Place): Array<[Place, Json]> {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((item, i) => leaves(item, child(place, i)));
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    return Object.keys(value)
      .sort()
      .flatMap((key) => leaves(value[key], child(place, key)));
  }
  return [[place, value]];
}

/** The elements one list has and the other lacks, counting repeats. */
function elementDiff(old: Json[], next: Json[]): { added: Json[]; removed: Json[] } {
  const remaining = next.map((item) => JSON.stringify(item));
  const removed: Json[] = [];
  for (const item of old) {
    const at = remaining.indexOf(JSON.stringify(item));
    if (at === -1) removed.push(item);
    else remaining.splice(at, 1);
  }
  return { added: remaining.map((text) => JSON.parse(text) as Json), removed };
}

/**
 * The field that names a list's elements, when every element is an object with a distinct
 * string `name`: Kubernetes merges such lists (env, containers, ports, volumes) by it, and a
 * reviewer reads `env[name="LOG_LEVEL"]`, not the positions an insertion shifted.
 */
function elementKey(list: Json[]): "name" | undefined {
  const names = list.map((item) => (isPlainObject(item) && typeof item.name === "string" ? item.name : undefined));
  return names.length > 0 && names.every((name) => name !== undefined) && new Set(names).size === names.length
    ? "name"
    : undefined;
}

/** Whether two lists are both named by one field (an empty one takes the other's). */
function sharedElementKey(old: Json[], next: Json[]): "name" | undefined {
  const [a, b] = [elementKey(old), elementKey(next)];
  if (old.length === 0) return b;
  if (next.length === 0) return a;
  return a === b ? a : undefined;
}

/** Compares two lists element by element, matched by their key field; an element gained or lost is one change. */
function compareByKey(old: Json[], next: Json[], field: "name", place: Place, out: PropertyChange[]): void {
  const byName = (list: Json[]) => new Map(list.map((item) => [(item as Record<string, string>)[field], item]));
  const [before, after] = [byName(old), byName(next)];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const element = child(place, { field, value: name });
    const [was, is] = [before.get(name), after.get(name)];
    if (was === undefined) out.push(at(element, { kind: "add", new: is }));
    else if (is === undefined) out.push(at(element, { kind: "delete", old: was }));
    else compare(was, is, element, out);
  }
}

/** Whether a list change reads better as elements gained and lost than position by position. */
const byElements = (old: Json[], next: Json[]) =>
  old.length !== next.length || [...old, ...next].every((item) => !isPlainObject(item) && !Array.isArray(item));

const at = (place: Place, fields: Omit<PropertyChange, "path" | "jsonPath">): PropertyChange => ({
  path: place.path,
  ...(place.jsonPath ? { jsonPath: place.jsonPath } : {}),
  ...fields,
});

/**
 * Compares two values, appending what differs: objects key by key, lists by the elements
 * gained and lost (or position by position, for lists of objects of one length), and strings
 * that hold JSON by the paths inside them.
 */
function compare(old: Json, next: Json, place: Place, out: PropertyChange[]): void {
  if (sameValue(old, next)) return;
  if (old === undefined) {
    for (const [leaf, value] of leaves(next, place)) out.push(at(leaf, { kind: "add", new: value }));
    return;
  }
  if (next === undefined) {
    for (const [leaf, value] of leaves(old, place)) out.push(at(leaf, { kind: "delete", old: value }));
    return;
  }
  if (isPlainObject(old) && isPlainObject(next)) {
    for (const key of [...new Set([...Object.keys(old), ...Object.keys(next)])].sort()) {
      compare(old[key], next[key], child(place, key), out);
    }
    return;
  }
  if (Array.isArray(old) && Array.isArray(next)) {
    const field = sharedElementKey(old, next);
    if (field) {
      compareByKey(old, next, field, place, out);
      return;
    }
    const elements = byElements(old, next) ? elementDiff(old, next) : undefined;
    if (elements && elements.added.length + elements.removed.length > 0) {
      out.push(at(place, { kind: "update", old, new: next, elements }));
      return;
    }
    for (let i = 0; i < Math.max(old.length, next.length); i++) compare(old[i], next[i], child(place, i), out);
    return;
  }
  const [oldJson, nextJson] = [parsedJson(old), parsedJson(next)];
  if (place.jsonPath === undefined && oldJson && nextJson) {
    compare(oldJson, nextJson, { path: place.path, jsonPath: "" }, out);
    return;
  }
  out.push(at(place, { kind: "update", old, new: next }));
}

function withoutProviderCode(inputs: Record<string, Json> | undefined): Record<string, Json> {
  const { [PROVIDER_CODE_KEY]: _code, ...rest } = inputs ?? {};
  return withoutBookkeeping(rest) as Record<string, Json>;
}

/**
 * The properties that differ between a step's old and new inputs, in path order. The dynamic
 * provider's code and the engine's bookkeeping are left out, and a masked secret compares equal
 * to a masked secret: the engine shows no more, and neither do we.
 */
export function inputChanges(
  oldInputs: Record<string, Json> | undefined,
  newInputs: Record<string, Json> | undefined,
  replaceReasons: string[] = [],
): PropertyChange[] {
  const out: PropertyChange[] = [];
  compare(withoutProviderCode(oldInputs), withoutProviderCode(newInputs), { path: "" }, out);
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
  const old = withoutBookkeeping(Object.fromEntries(Object.keys(next).map((key) => [key, oldOutputs?.[key]])));
  const out: PropertyChange[] = [];
  compare(old, next, { path: "" }, out);
  return out;
}

/** Every kind of property diff Pulumi reports, by its name in either spelling. */
const DIFF_KINDS: Record<string, { kind: PropertyChange["kind"]; replaces: boolean }> = {
  add: { kind: "add", replaces: false },
  "add-replace": { kind: "add", replaces: true },
  delete: { kind: "delete", replaces: false },
  "delete-replace": { kind: "delete", replaces: true },
  update: { kind: "update", replaces: false },
  "update-replace": { kind: "update", replaces: true },
};

/** The name of a named list's element at an index, when the list is named and has one there. */
function nameAt(root: Json, list: string, index: number): string | undefined {
  const value = valueAt(root, list);
  if (!Array.isArray(value) || !elementKey(value)) return undefined;
  return (value[index] as Record<string, string> | undefined)?.name;
}

/**
 * Where a detailedDiff path points, read by name. In a list whose elements are named
 * (Kubernetes' env, containers, ports), an element the engine names by position is written
 * `env[name="LOG_LEVEL"]`; and when an insertion or a removal shifted the positions (the
 * element at the index is another one before and after), the whole list is the change, to
 * compare by name: `group` is that list's path.
 */
function namedPath(path: string, oldRoot: Json, newRoot: Json): { path: string; group?: string } {
  const keys = splitPath(path);
  let written = "";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const list = pathOf(keys.slice(0, i));
    if (typeof key === "number") {
      const [was, is] = [nameAt(oldRoot, list, key), nameAt(newRoot, list, key)];
      if (was !== is && (was !== undefined || is !== undefined)) return { path: written, group: list };
      const name = is ?? was;
      written = joinPath(written, name === undefined ? key : { field: "name", value: name });
    } else {
      written = joinPath(written, key);
    }
  }
  return { path: written };
}

/**
 * The properties the engine's `detailedDiff` names, with their values looked up in the old
 * inputs (or old outputs, when the engine compared against those) and the new inputs. Each entry's
 * kind is read in the document's spelling (`kind`) or the event log's (`diffKind`); a JSON string
 * is expanded to the paths inside it that changed, a list of named elements is matched by name,
 * another list by the elements it gained and lost.
 */
export function detailedChanges(
  detailedDiff: Record<string, EnginePropertyDiff>,
  oldState: { inputs?: Record<string, Json>; outputs?: Record<string, Json> } | undefined,
  newInputs: Record<string, Json> | undefined,
): PropertyChange[] {
  const entries = new Map<
    string,
    { source: string; kind: PropertyChange["kind"]; replaces: boolean; inputDiff: boolean; group: boolean }
  >();
  for (const path of Object.keys(detailedDiff)) {
    const keys = splitPath(path);
    if (keys[0] === PROVIDER_CODE_KEY || keys.some((key) => typeof key === "string" && BOOKKEEPING_KEYS.has(key))) {
      continue;
    }
    const entry = detailedDiff[path];
    const { kind, replaces } = DIFF_KINDS[entry.kind ?? entry.diffKind ?? "update"] ?? DIFF_KINDS.update;
    const inputDiff = entry.inputDiff !== false;
    const named = namedPath(path, inputDiff ? oldState?.inputs : oldState?.outputs, newInputs);
    const seen = entries.get(named.path);
    entries.set(named.path, {
      source: named.group ?? path,
      kind: named.group ? "update" : kind,
      replaces: replaces || (seen?.replaces ?? false),
      inputDiff,
      group: named.group !== undefined,
    });
  }
  const groups = [...entries.keys()].filter((shown) => entries.get(shown)!.group);
  const inGroup = (shown: string) =>
    groups.some((group) => shown !== group && (shown.startsWith(`${group}.`) || shown.startsWith(`${group}[`)));
  const shownPaths = [...entries.keys()].filter((shown) => !inGroup(shown)).sort();
  return shownPaths.flatMap((shown) => {
    const { source, kind, replaces, inputDiff } = entries.get(shown)!;
    const old = withoutBookkeeping(valueAt(inputDiff ? oldState?.inputs : oldState?.outputs, source));
    const next = withoutBookkeeping(valueAt(newInputs, source));
    const changes: PropertyChange[] = [];
    if (kind === "update" && old !== undefined && next !== undefined) compare(old, next, { path: shown }, changes);
    if (changes.length === 0) {
      changes.push({
        path: shown,
        kind,
        ...(kind === "add" ? {} : { old }),
        ...(kind === "delete" ? {} : { new: next }),
      });
    }
    return changes.map((change) => (replaces ? { ...change, replaces: true } : change));
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
  return leaves(withoutProviderCode(inputs), { path: "" })
    .filter(([, value]) => engineValue(value).kind === "secret")
    .map(([place]) => place.path)
    .sort();
}

/** Whether the dynamic provider's code differs between the step's old and new inputs. */
export function providerCodeChanged(
  oldInputs: Record<string, Json> | undefined,
  newInputs: Record<string, Json> | undefined,
): boolean {
  return (oldInputs?.[PROVIDER_CODE_KEY] ?? null) !== (newInputs?.[PROVIDER_CODE_KEY] ?? null);
}
