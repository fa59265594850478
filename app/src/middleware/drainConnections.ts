import type { Middleware } from "koa";
import type { Lifecycle } from "../lifecycle";

/** While draining, asks each client to close its keep-alive connection after this answer. */
export function drainConnections(lifecycle: Lifecycle): Middleware {
  return async (ctx, next) => {
    await next();
    if (lifecycle.isDraining) ctx.set("Connection", "close");
  };
}
