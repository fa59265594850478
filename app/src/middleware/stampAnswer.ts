import type { Middleware } from "koa";
import type { Lifecycle } from "../lifecycle";
import { REQUEST_ID_HEADER, requestIdOf } from "../requestIdOf";

/**
 * Stamps every answer, before anything else runs: its request id (the caller's sane
 * X-Request-Id, or a new one; also ctx.state.requestId), the precomputed security headers, and,
 * while draining, `Connection: close`, so each client closes its keep-alive connection after it.
 * Synchronous, so it costs the chain no promise of its own.
 */
export function stampAnswer(headers: Readonly<Record<string, string>>, lifecycle: Lifecycle): Middleware {
  const entries = Object.entries(headers);
  return (ctx, next) => {
    const id = requestIdOf(ctx.req.headers[REQUEST_ID_HEADER]);
    ctx.state.requestId = id;
    const res = ctx.res;
    res.setHeader(REQUEST_ID_HEADER, id);
    for (const [name, value] of entries) res.setHeader(name, value);
    if (lifecycle.isDraining) res.setHeader("Connection", "close");
    return next();
  };
}
