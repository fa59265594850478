import type { Context, Middleware } from "koa";
import getRawBody from "raw-body";

declare module "koa" {
  interface Request {
    /** The parsed JSON body, set by jsonBody() on POST, PUT and PATCH. */
    body?: unknown;
  }
}

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** Size limit for a JSON body. */
export const JSON_BODY_LIMIT = "1mb";

/**
 * Reads and parses a JSON body into ctx.request.body on POST, PUT and PATCH: 415 for any
 * other content type or an unknown charset, 413 past the limit, 400 for malformed JSON.
 * Other methods pass through untouched.
 */
export function jsonBody(): Middleware {
  return async (ctx, next) => {
    if (!METHODS_WITH_BODY.has(ctx.method)) {
      await next();
      return;
    }
    if (!ctx.is("application/json")) ctx.throw(415, "request body must be application/json");
    const text = await readText(ctx);
    try {
      ctx.request.body = JSON.parse(text) as unknown;
    } catch {
      ctx.throw(400, "request body is not valid JSON");
    }
    await next();
  };
}

async function readText(ctx: Context): Promise<string> {
  try {
    return await getRawBody(ctx.req, {
      length: ctx.get("Content-Length") || undefined,
      limit: JSON_BODY_LIMIT,
      encoding: ctx.request.charset || "utf-8",
    });
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 413) ctx.throw(413, `request body exceeds the ${JSON_BODY_LIMIT} limit`);
    if (status === 415) ctx.throw(415, `request body charset '${ctx.request.charset}' is not supported`);
    ctx.throw(400, "request body could not be read");
  }
}
