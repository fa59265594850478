import { createServer, type Server } from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import { type AppConfig, loadConfig } from "./config";
import { Lifecycle } from "./lifecycle";
import { createLogger, type Logger, writeBufferedLines } from "./logger";
import { createMetrics } from "./metrics";
import { drainServer } from "./shutdown";

/** A listening server and what it needs to shut down. */
export interface RunningServer {
  server: Server;
  lifecycle: Lifecycle;
  logger: Logger;
  config: AppConfig;
}

/** Builds the app, listens on HOST:PORT and turns ready. */
export async function startServer(config: AppConfig, logger: Logger): Promise<RunningServer> {
  const lifecycle = new Lifecycle();
  const app = createApp({ config, logger, metrics: createMetrics(), lifecycle });
  const handle = app.callback();
  const server = createServer(handle);
  server.listen(config.PORT, config.HOST);
  await once(server, "listening");
  lifecycle.markReady();
  const { address, port } = server.address() as AddressInfo;
  logger.info({ host: address, port, environment: config.ENVIRONMENT }, "listening");
  writeBufferedLines(logger);
  return { server, lifecycle, logger, config };
}

/** On SIGTERM or SIGINT: drain within SHUTDOWN_GRACE_MS, then exit (0 when drained, 1 when forced). */
export function exitOnSignals({ server, lifecycle, logger, config }: RunningServer): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, "draining");
    writeBufferedLines(logger);
    const result = await drainServer(server, lifecycle, logger, config.SHUTDOWN_GRACE_MS);
    logger.info({ result }, "stopped");
    // The destination writes what it still holds on exit.
    process.exit(result === "drained" ? 0 : 1);
  };
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  exitOnSignals(await startServer(config, logger));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`skyport-app failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
