import type { Context } from "koa";

/** The route pattern that served the request (e.g. /api/v1/items/:id), so labels stay few. */
export function routeLabel(ctx: Context): string {
  const matched = (ctx as Context & { _matchedRoute?: string | RegExp })._matchedRoute;
  return matched === undefined ? "unmatched" : String(matched);
}
