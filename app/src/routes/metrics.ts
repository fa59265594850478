import type { AppMetrics } from "../metrics";
import type { Routes } from "../routeTable";

/** GET /metrics: the registry in Prometheus text format. */
export function metricsRoutes(routes: Routes, metrics: AppMetrics): void {
  routes.get("/metrics", async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
}
