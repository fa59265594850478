import { bodyParser } from "@koa/bodyparser";
import type { Middleware } from "koa";

const METHODS_WITH_BODY = ["POST", "PUT", "PATCH"];

/** Size limit for a JSON body. */
export const JSON_BODY_LIMIT = "1mb";

/**
 * Parses JSON bodies: 415 for any other content type, 413 past the limit,
 * 400 for malformed JSON. Other methods pass through untouched.
 */
export function jsonBody(): Middleware {
  const parse = bodyParser({
    enableTypes: ["json"],
    jsonLimit: JSON_BODY_LIMIT,
    parsedMethods: METHODS_WITH_BODY,
    onError: (err, ctx) => {
      const status = (err as { status?: number }).status;
      if (status === 413) ctx.throw(413, `request body exceeds the ${JSON_BODY_LIMIT} limit`);
      ctx.throw(400, "request body is not valid JSON");
    },
  });
  return async (ctx, next) => {
    if (METHODS_WITH_BODY.includes(ctx.method) && !ctx.is("application/json")) {
      ctx.throw(415, "request body must be application/json");
    }
    await parse(ctx, next);
  };
}
