import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { loadConfig } from "../../app/src/config";
import { createLogger } from "../../app/src/logger";
import { type RunningServer, startServer } from "../../app/src/server";

/** A real app server on 127.0.0.1 with its log lines captured. */
export interface TestServer extends RunningServer {
  baseUrl: string;
  logLines: () => Array<Record<string, unknown>>;
  stop: () => Promise<void>;
}

/** Starts the app in this process on a free loopback port; env entries override the defaults. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const running = await startServer(config, createLogger(config.LOG_LEVEL, sink));
  const { port } = running.server.address() as AddressInfo;
  return {
    ...running,
    baseUrl: `http://127.0.0.1:${port}`,
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        running.server.closeAllConnections();
        running.server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
