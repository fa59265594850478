import type { Middleware } from "koa";
import type { Logger } from "../logger";
import { routeLabel } from "./routeLabel";

/** One structured log line per request, written when the response is ready. */
export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info(
        {
          requestId: ctx.state.requestId,
          method: ctx.method,
          path: ctx.path,
          route: routeLabel(ctx),
          status: ctx.status,
          durationMs: Math.round(durationMs * 1000) / 1000,
        },
        "request",
      );
    }
  };
}
