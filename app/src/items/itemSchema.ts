import { z } from "zod";

const name = z
  .string({ error: (issue) => (issue.input === undefined ? "name is required" : "name must be a string") })
  .trim()
  .min(1, "name must be 1 to 100 characters")
  .max(100, "name must be 1 to 100 characters");

const description = z
  .string({ error: "description must be a string" })
  .max(1000, "description must be at most 1000 characters");

/** Body of POST /api/v1/items. */
export const createItemSchema = z.strictObject(
  { name, description: description.optional() },
  { error: (issue) => unknownFieldMessage(issue) ?? "body must be a JSON object" },
);

/** Body of PATCH /api/v1/items/:id: any subset of the fields, at least one. */
export const updateItemSchema = z
  .strictObject(
    { name: name.optional(), description: description.optional() },
    { error: (issue) => unknownFieldMessage(issue) ?? "body must be a JSON object" },
  )
  .refine((patch) => Object.keys(patch).length > 0, "body must set name or description");

/** Query of GET /api/v1/items. */
export const listQuerySchema = z.strictObject(
  {
    limit: z.coerce
      .number({ error: "limit must be a whole number from 1 to 100" })
      .int("limit must be a whole number from 1 to 100")
      .min(1, "limit must be a whole number from 1 to 100")
      .max(100, "limit must be a whole number from 1 to 100")
      .default(20),
    cursor: z.string().regex(/^\d+$/, "cursor must be a nextCursor from an earlier page").optional(),
  },
  { error: (issue) => unknownFieldMessage(issue, "query parameter") ?? "invalid query" },
);

export type CreateItem = z.infer<typeof createItemSchema>;
export type UpdateItem = z.infer<typeof updateItemSchema>;
export type ListQuery = z.infer<typeof listQuerySchema>;

function unknownFieldMessage(issue: { code?: string; keys?: string[] }, what = "field"): string | undefined {
  if (issue.code !== "unrecognized_keys" || !issue.keys) return undefined;
  return `unknown ${what} ${issue.keys.map((key) => `'${key}'`).join(", ")}`;
}
