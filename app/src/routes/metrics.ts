import Router from "@koa/router";
import type { AppMetrics } from "../metrics";

/** GET /metrics: the registry in Prometheus text format. */
export function metricsRoutes(metrics: AppMetrics): Router {
  const router = new Router();
  router.get("/metrics", async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
