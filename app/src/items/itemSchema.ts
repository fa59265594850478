import * as v from "valibot";

/** Names the first problem with a JSON object: an unknown key, a missing one, or no object at all. */
function objectIssue(what: string) {
  return (issue: v.BaseIssue<unknown>): string => {
    const key = issue.path?.[0]?.key as string | undefined;
    if (key === undefined) return `${what} must be a JSON object`;
    return issue.expected === "never" ? `unknown field '${key}'` : `${key} is required`;
  };
}

/** A strict JSON object (never an array) with the given fields. */
function jsonObject<E extends v.ObjectEntries>(entries: E, what = "body") {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      (input) => typeof input === "object" && input !== null && !Array.isArray(input),
      `${what} must be a JSON object`,
    ),
    v.strictObject(entries, objectIssue(what)),
  );
}

const name = v.pipe(
  v.string("name must be a string"),
  v.trim(),
  v.minLength(1, "name must be 1 to 100 characters"),
  v.maxLength(100, "name must be 1 to 100 characters"),
);

const description = v.pipe(
  v.string("description must be a string"),
  v.maxLength(1000, "description must be at most 1000 characters"),
);

/** Body of POST /api/v1/items. */
export const createItemSchema = jsonObject({ name, description: v.optional(description) });

/** Body of PATCH /api/v1/items/:id: any subset of the fields, at least one. */
export const updateItemSchema = v.pipe(
  jsonObject({ name: v.optional(name), description: v.optional(description) }),
  v.check((patch) => Object.keys(patch).length > 0, "body must set name or description"),
);

const LIMIT_RULE = "limit must be a whole number from 1 to 100";

/** Query of GET /api/v1/items. */
export const listQuerySchema = v.strictObject(
  {
    limit: v.optional(
      v.pipe(
        v.string(LIMIT_RULE),
        v.toNumber(LIMIT_RULE),
        v.integer(LIMIT_RULE),
        v.minValue(1, LIMIT_RULE),
        v.maxValue(100, LIMIT_RULE),
      ),
      "20",
    ),
    cursor: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "cursor must be a nextCursor from an earlier page"))),
  },
  (issue) => `unknown query parameter '${issue.path?.[0]?.key as string}'`,
);

export type CreateItem = v.InferOutput<typeof createItemSchema>;
export type UpdateItem = v.InferOutput<typeof updateItemSchema>;
export type ListQuery = v.InferOutput<typeof listQuerySchema>;
