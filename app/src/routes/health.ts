import Router from "@koa/router";
import type { Lifecycle } from "../lifecycle";
import { probeAnswer, type ProbePath } from "../probes";

/**
 * GET /health (liveness) and GET /ready (readiness), for what the probe responder in front of
 * the app does not take (e.g. another method, which gets 405).
 */
export function healthRoutes(lifecycle: Lifecycle): Router {
  const router = new Router();
  for (const path of ["/health", "/ready"] as const satisfies ProbePath[]) {
    router.get(path, (ctx) => {
      const { status, body } = probeAnswer(path, lifecycle);
      ctx.status = status;
      ctx.body = body;
    });
  }
  return router;
}
