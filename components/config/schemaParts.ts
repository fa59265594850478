import { z } from "zod";

/**
 * Building blocks for config schemas. Each message says what is allowed; the error formatter
 * adds the key and the bad value in front of it.
 */

/** Decimal text, such as "0.5". */
const DECIMAL_TEXT = /^-?(\d+(\.\d+)?|\.\d+)$/;

/**
 * A number as config holds it. `pulumi config set --path` stores whole numbers as numbers but
 * fractions such as 0.5 as text, so decimal text is read as its number; anything else must
 * already be a number.
 */
function configNumber<Schema extends z.ZodNumber>(schema: Schema) {
  return z.preprocess(
    (value) => (typeof value === "string" && DECIMAL_TEXT.test(value) ? Number(value) : value),
    schema,
  );
}

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number) {
  const allowed = `a whole number from ${min} to ${max}`;
  return configNumber(
    z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed }),
  );
}

/** A number in [min, max], fractions allowed. */
export function numberBetween(min: number, max: number) {
  const allowed = `a number from ${min} to ${max}`;
  return configNumber(z.number({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed }));
}

/** A number greater than zero and at most max. */
export function positiveNumber(max: number) {
  const allowed = `a number greater than 0 and at most ${max}`;
  return configNumber(z.number({ error: allowed }).gt(0, { error: allowed }).max(max, { error: allowed }));
}

/** A lowercase RFC 1123 DNS label of at most maxLength characters. */
export function dnsLabel(maxLength = 63) {
  const allowed = `a lowercase DNS label: a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, at most ${maxLength} characters`;
  return z
    .string({ error: allowed })
    .max(maxLength, { error: allowed })
    .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, { error: allowed });
}

/** An absolute URL path. */
export const urlPath = z
  .string({ error: "a path starting with '/'" })
  .regex(/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/, { error: "a path starting with '/', without spaces, '?' or '#'" });

/** A fully qualified public hostname. */
export const hostname = z
  .string({ error: "a hostname such as shop.example.com" })
  .max(253, { error: "a hostname of at most 253 characters" })
  .regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: "a lowercase hostname such as shop.example.com (no scheme, port or path)",
  });

/** An environment variable name. */
export const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: "an environment variable name: letters, digits and '_', not starting with a digit",
});

/** A string value; numbers and booleans must be quoted in YAML so nothing is coerced by accident. */
export const envVarValue = z.string({ error: "a string (quote numbers and booleans in YAML)" });

/** An image pinned by digest, `registry/repository@sha256:<64 hex>`. */
export const imageDigestRef = z
  .string({ error: "an image reference pinned by digest, like ghcr.io/acme/app@sha256:<64 hex>" })
  .regex(/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+@sha256:[a-f0-9]{64}$/, {
    error:
      "an image reference pinned by digest, like ghcr.io/acme/app@sha256:<64 hex> (tags are mutable and not allowed)",
  });

/** A strict object whose messages list the keys it allows, and, when it is missing, the ones it requires. */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(", ");
  const required = Object.entries(shape)
    .filter(([, schema]) => !(schema as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
  const needs = required.length > 0 ? ` (required: ${required.join(", ")})` : "";
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key; allowed keys: ${allowed}`
        : `an object with keys: ${allowed}${needs}`,
  });
}

/** A non-empty string. */
export const nonEmptyString = z.string({ error: "a non-empty string" }).min(1, { error: "a non-empty string" });
