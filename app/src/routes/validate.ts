import * as v from "valibot";

/** A 400 whose message and `field` name the first thing wrong with the input. */
export class ValidationError extends Error {
  readonly status = 400;
  readonly expose = true;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Parses input with the schema, or throws a ValidationError naming the field. */
export function parseOr400<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const [issue] = result.issues;
  const path = issue.path?.map((item) => String(item.key)).join(".");
  throw new ValidationError(issue.message, path || undefined);
}
