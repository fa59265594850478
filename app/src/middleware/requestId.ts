import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";

const HEADER = "X-Request-Id";
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Accepts a sane incoming X-Request-Id or makes one, exposes it as ctx.state.requestId and echoes it. */
export function requestId(): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get(HEADER);
    const id = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set(HEADER, id);
    await next();
  };
}
