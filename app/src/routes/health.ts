import { answerJson } from "../answerJson";
import type { Lifecycle } from "../lifecycle";
import { probeAnswer, type ProbePath } from "../probes";
import type { Routes } from "../routeTable";

/**
 * GET /health (liveness) and GET /ready (readiness), for what the probe responder in front of
 * the app does not take (e.g. another method, which gets 405).
 */
export function healthRoutes(routes: Routes, lifecycle: Lifecycle): void {
  for (const path of ["/health", "/ready"] as const satisfies ProbePath[]) {
    routes.get(path, (ctx) => {
      const { status, body } = probeAnswer(path, lifecycle);
      ctx.status = status;
      answerJson(ctx, body);
    });
  }
}
