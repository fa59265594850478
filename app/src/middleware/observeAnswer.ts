import type { Middleware } from "koa";
import { answerError, answerUnrouted } from "../errorAnswer";
import type { Logger } from "../logger";
import type { RequestSeries } from "../requestInstruments";
import { routeLabel } from "./routeLabel";

/**
 * Everything that happens once the routes are done, in one layer: a thrown error or an
 * unrouted request becomes its JSON answer (see errorAnswer), then the request is counted and
 * timed by method, route and status and gets its one structured log line.
 */
export function observeAnswer(
  logger: Logger,
  seriesOf: (method: string, route: string, status: number) => RequestSeries,
): Middleware {
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
      answerUnrouted(ctx);
    } catch (thrown) {
      answerError(ctx, thrown, logger);
    }
    const durationMs = performance.now() - start;
    const route = routeLabel(ctx);
    seriesOf(ctx.method, route, ctx.status).observe(durationMs / 1000);
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
