import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { nonEmptyString } from "./schemaParts";
import { childSchema, wrappedSchemas } from "./schemaWalk";

/**
 * The definitions of the schemas whose values are secrets; see secretString. A definition, not
 * a schema, because `.describe()` and `.meta()` copy a schema and keep its definition.
 */
const SECRET_DEFINITIONS = new WeakSet<object>();

/**
 * A non-empty secret string. It parses into a Pulumi secret, so a component gets an
 * `Output<string>` it cannot leak by forgetting `pulumi.secret`; an error never shows its
 * value; and in a stack file it must be encrypted (see plaintextSecretsInStackFile).
 */
export const secretString = nonEmptyString.transform((value) => pulumi.secret(value));
SECRET_DEFINITIONS.add(secretString._zod.def);

/**
 * True when the value at `path` inside a value of `schema` is, or sits inside, a secret: the
 * schemas say which settings are secret, so no list of them is kept beside the schemas.
 */
export function isSecretIn(schema: z.core.$ZodType, path: readonly PropertyKey[]): boolean {
  if (SECRET_DEFINITIONS.has(schema._zod.def)) return true;
  const inner = wrappedSchemas(schema);
  if (inner.length > 0) return inner.some((wrapped) => isSecretIn(wrapped, path));
  if (path.length === 0) return false;
  const child = childSchema(schema, path[0]);
  return child !== undefined && isSecretIn(child, path.slice(1));
}
