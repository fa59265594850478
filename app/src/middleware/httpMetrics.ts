import type { Middleware } from "koa";
import type { AppMetrics } from "../metrics";
import { routeLabel } from "./routeLabel";

/** Counts each request and records its latency by method, route and status. */
export function httpMetrics(metrics: AppMetrics): Middleware {
  return async (ctx, next) => {
    const stopTimer = metrics.duration.startTimer();
    try {
      await next();
    } finally {
      const labels = { method: ctx.method, route: routeLabel(ctx), status: String(ctx.status) };
      stopTimer(labels);
      metrics.requests.inc(labels);
    }
  };
}
