import type { z } from "zod";

/** A schema's definition, as far as walking through schemas needs it. */
interface WalkedDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
}

const defOf = (schema: z.core.$ZodType): WalkedDef => schema._zod.def;

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
