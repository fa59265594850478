import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { nonEmptyString } from "./rules";

/** The schemas whose values are secrets; see secretString. */
const SECRET_SCHEMAS = new WeakSet<z.core.$ZodType>();

/**
 * A non-empty secret string. It parses into a Pulumi secret, so a component gets an
 * `Output<string>` it cannot leak by forgetting `pulumi.secret`; an error never shows its
 * value; and in a stack file it must be encrypted (see plaintextSecretsInStackFile).
 */
export const secretString = nonEmptyString.transform((value) => pulumi.secret(value));
SECRET_SCHEMAS.add(secretString);

/** The schema a wrapper (optional, default, a refinement's pipe…) stands for. */
function innerSchemas(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Record<string, z.core.$ZodType | undefined> & { type: string };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return [def.innerType!];
    case "pipe":
      return [def.in!, def.out!];
    default:
      return [];
  }
}

/** The schema of one key or element inside a value of `schema`, when it has one. */
function childSchema(schema: z.core.$ZodType, key: PropertyKey): z.core.$ZodType | undefined {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.core.$ZodType>;
    valueType?: z.core.$ZodType;
    element?: z.core.$ZodType;
  };
  if (def.type === "object") return def.shape?.[String(key)];
  if (def.type === "record") return def.valueType;
  if (def.type === "array") return def.element;
  return undefined;
}

/**
 * True when the value at `path` inside a value of `schema` is, or sits inside, a secret: the
 * schemas say which settings are secret, so no list of them is kept beside the schemas.
 */
export function isSecretIn(schema: z.core.$ZodType, path: readonly PropertyKey[]): boolean {
  if (SECRET_SCHEMAS.has(schema)) return true;
  const inner = innerSchemas(schema);
  if (inner.length > 0) return inner.some((wrapped) => isSecretIn(wrapped, path));
  if (path.length === 0) return false;
  const child = childSchema(schema, path[0]);
  return child !== undefined && isSecretIn(child, path.slice(1));
}
