import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lifecycle } from "./lifecycle";
import type { Logger } from "./logger";
import { REQUEST_ID_HEADER, requestIdOf } from "./requestIdOf";
import type { AppMetrics } from "./metrics";

/** What a probe answer is built from. */
export interface ProbeDeps {
  lifecycle: Lifecycle;
  logger: Logger;
  headers: Readonly<Record<string, string>>;
  metrics: AppMetrics;
}

/** The quiet paths: what load balancers and platforms poll every few seconds. */
export type ProbePath = "/health" | "/ready";

/** A probe's answer: liveness is always 200 while the process serves; readiness 503 unless ready. */
export function probeAnswer(path: ProbePath, lifecycle: Lifecycle): { status: number; body: object } {
  return path === "/health"
    ? { status: 200, body: { status: "ok", uptime: lifecycle.uptimeSeconds } }
    : { status: lifecycle.isReady ? 200 : 503, body: { status: lifecycle.phase } };
}

/**
 * Answers `GET`/`HEAD /health` and `/ready` before the app's middleware, with the same body,
 * security headers and request id. A probe is counted in `http_requests_total` but not timed,
 * and logged only when it fails (503) or at `LOG_LEVEL=debug`: platforms log every request at
 * their edge, and a probe every few seconds would drown the app's own log. Returns false for
 * any other request, which the app then serves.
 */
export function probeResponder({ lifecycle, logger, headers, metrics }: ProbeDeps) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const route = query === -1 ? url : url.slice(0, query);
    if ((route !== "/health" && route !== "/ready") || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const answer = probeAnswer(route, lifecycle);
    const status = answer.status;
    const body = JSON.stringify(answer.body);
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.writeHead(status, {
      ...headers,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      [REQUEST_ID_HEADER]: requestId,
      ...(lifecycle.isDraining ? { Connection: "close" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    metrics.countProbe(req.method, route, status);
    if (status >= 400 || logger.isLevelEnabled("debug")) {
      logger[status >= 400 ? "info" : "debug"](
        { requestId, method: req.method, path: route, route, status, probe: true },
        "request",
      );
    }
    return true;
  };
}
