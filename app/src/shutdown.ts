import type { Server } from "node:http";
import type { Lifecycle } from "./lifecycle";
import type { Logger } from "./logger";

/** How a drain ended: every request finished, or the grace period ran out first. */
export type DrainResult = "drained" | "timed-out";

/**
 * Drains the server: readiness turns 503, the listener stops taking connections,
 * idle keep-alive connections close, and in-flight requests finish (their connections
 * close after the answer). Resolves when all connections are gone or `graceMs` passes;
 * then any connection still open is destroyed.
 */
export async function drainServer(
  server: Server,
  lifecycle: Lifecycle,
  logger: Logger,
  graceMs: number,
): Promise<DrainResult> {
  lifecycle.markDraining();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timed-out">((resolve) => {
    timer = setTimeout(() => resolve("timed-out"), graceMs);
  });
  const result = await Promise.race([closed.then(() => "drained" as const), timedOut]);
  clearInterval(idleSweep);
  clearTimeout(timer);
  if (result === "timed-out") {
    logger.warn({ graceMs }, "grace period over; closing the connections still open");
    server.closeAllConnections();
  }
  return result;
}
