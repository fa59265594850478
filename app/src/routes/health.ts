import Router from "@koa/router";
import type { Lifecycle } from "../lifecycle";

/** GET /health (liveness: always 200 while the process serves) and GET /ready (503 unless ready). */
export function healthRoutes(lifecycle: Lifecycle): Router {
  const router = new Router();
  router.get("/health", (ctx) => {
    ctx.body = { status: "ok", uptime: lifecycle.uptimeSeconds };
  });
  router.get("/ready", (ctx) => {
    ctx.status = lifecycle.isReady ? 200 : 503;
    ctx.body = { status: lifecycle.phase };
  });
  return router;
}
