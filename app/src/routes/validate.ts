import type { z } from "zod";

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
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join(".") : undefined;
  throw new ValidationError(issue.message, field);
}
