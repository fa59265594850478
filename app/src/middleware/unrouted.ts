import type { Middleware } from "koa";

/**
 * Gives a JSON error to requests no route answered: 404 for an unknown path, 405 (the router
 * has set Allow) for a known path with another method. Mount it before the routes.
 */
export function unrouted(): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.body != null) return;
    if (ctx.status === 404) ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`);
    if (ctx.status === 405)
      ctx.throw(405, `${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get("Allow")}`);
  };
}
