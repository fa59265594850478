import type { Middleware } from "koa";
import { answerError } from "../errorAnswer";
import type { Logger } from "../logger";
import type { AppMetrics } from "../metrics";

/** The route label of a request no route served, so labels stay few. */
const UNMATCHED_ROUTE = "unmatched";

/**
 * Everything that happens once the routes are done, in one layer: a thrown error (an unrouted
 * request among them, see RouteTable) becomes its JSON answer (see errorAnswer), then the
 * request is counted and timed by method, route and status and gets its one structured log line.
 */
export function observeAnswer(logger: Logger, metrics: AppMetrics): Middleware {
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } catch (thrown) {
      answerError(ctx, thrown, logger);
    }
    const durationMs = performance.now() - start;
    const route = ctx.routePattern ?? UNMATCHED_ROUTE;
    metrics.observeRequest(ctx.method, route, ctx.status, durationMs / 1000);
    logger.info(
      {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        route,
        status: ctx.status,
        durationMs: Math.round(durationMs * 1000) / 1000,
      },
      "request",
    );
  };
}
