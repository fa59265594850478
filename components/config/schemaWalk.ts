import { z } from "zod";

/** A schema's definition, as far as walking through schemas needs it. */
interface WalkedDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  defaultValue?: unknown;
  checks?: Array<{ _zod: { def: { error?: ErrorMessage } } }>;
  error?: ErrorMessage;
}

/** A schema's error option, as zod keeps it: a function from the issue to the message. */
type ErrorMessage = (issue: { code: string; input: unknown }) => unknown;

const defOf = (schema: z.core.$ZodType): WalkedDef => schema._zod.def as unknown as WalkedDef;

/** Wrappers that stand for the one schema inside them. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"]);

/**
 * The schemas a wrapper stands for: the inner schema of optional, default and the like, and
 * both ends of a pipe (a transform or a preprocess); none for any other schema.
 */
export function wrappedSchemas(schema: z.core.$ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return [def.innerType];
  if (def.type === "pipe") return [def.in, def.out].filter((inner) => inner !== undefined);
  return [];
}

/** The schema of one key or element inside a value of an object, record or array schema. */
export function childSchema(schema: z.core.$ZodType, key: PropertyKey): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type === "object") return def.shape?.[String(key)];
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  return undefined;
}

/** The fields of the object schema that a schema is, or wraps; undefined when it is no object. */
export function objectShapeOf(schema: z.core.$ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(schema);
  if (def.type === "object") return def.shape;
  for (const inner of wrappedSchemas(schema)) {
    const shape = objectShapeOf(inner);
    if (shape) return shape;
  }
  return undefined;
}

/** The schema and every schema it wraps, outermost first, down to the first that wraps none. */
function layersOf(schema: z.core.$ZodType): z.core.$ZodType[] {
  const inner = wrappedSchemas(schema);
  return [schema, ...(inner.length > 0 ? layersOf(inner[inner.length - 1]) : [])];
}

/** The documentation a schema carries (`.describe()`, `.meta()`), its outer layers' over its inner ones'. */
export function docOf(schema: z.core.$ZodType): { description?: string; default?: string } {
  const layers = layersOf(schema).reverse();
  return Object.assign({}, ...layers.map((layer) => z.globalRegistry.get(layer) ?? {})) as {
    description?: string;
    default?: string;
  };
}

/** The value a schema's `.default()` gives a missing key, when it has one. */
export function defaultOf(schema: z.core.$ZodType): { value: unknown } | undefined {
  const layer = layersOf(schema).find((candidate) => defOf(candidate).type === "default");
  return layer ? { value: defOf(layer).defaultValue } : undefined;
}

/** The messages a schema's own error option and its checks give, each once: what the key allows. */
function messageOf(schema: z.core.$ZodType): string | undefined {
  const def = defOf(schema);
  const errors = [def.error, ...(def.checks ?? []).map((check) => check._zod.def.error)];
  const messages = errors
    .map((error) => error?.({ code: "invalid_type", input: undefined }))
    .filter((message): message is string => typeof message === "string");
  return messages.length > 0 ? [...new Set(messages)].join("; ") : undefined;
}

/**
 * What a schema allows, in the words of its own error messages (those every config error
 * uses): the first layer that has one, and for a map its names' and its values'.
 */
export function allowedOf(schema: z.core.$ZodType): string | undefined {
  for (const layer of layersOf(schema)) {
    const def = defOf(layer);
    if (def.type === "record" && def.keyType && def.valueType) {
      return `names: ${allowedOf(def.keyType) ?? "any"}; values: ${allowedOf(def.valueType) ?? "any"}`;
    }
    const sides = def.type === "pipe" ? [def.out, def.in].filter((side) => side !== undefined) : [];
    const message = messageOf(layer) ?? sides.map(allowedOf).find((found) => found !== undefined);
    if (message) return message;
  }
  return undefined;
}
