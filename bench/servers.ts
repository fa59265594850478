import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { get } from "node:http";
import { join } from "node:path";
import { appStartArgs } from "../tests/support/appProcess";
import { freePort } from "../tests/support/freePort";

/** A server under test, in its own process on 127.0.0.1. */
export interface BenchServer {
  name: string;
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

const BARE_SERVER = join(__dirname, "bare-server.mjs");

/**
 * What each benchmark compares: the app as the image runs it, bare node:http (with node's
 * defaults, and with the app's node flags, as a floor for the app's memory), and Koa alone.
 */
export const SERVER_ARGS: Record<"app" | "bare" | "bareWithAppFlags" | "koaMinimal", string[]> = {
  app: appStartArgs(),
  bare: [BARE_SERVER],
  bareWithAppFlags: [...appStartArgs().filter((arg) => arg.startsWith("--")), BARE_SERVER],
  koaMinimal: [join(__dirname, "koa-minimal.mjs")],
};

/** The servers a benchmark can start. */
export type BenchServerName = keyof typeof SERVER_ARGS;

/** One GET; resolves with the status, or 0 when nothing answers yet. */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", () => resolve(0));
  });
}

/** Polls url until it answers 200; resolves with the time it happened. */
export async function waitUntilUp(url: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await statusOf(url)) === 200) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Starts one server (its logs go to /dev/null, as fast as a real log pipe allows) and waits for /health. */
export async function startBenchServer(name: BenchServerName): Promise<BenchServer & { startMs: number }> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, SERVER_ARGS[name], {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const upAt = await waitUntilUp(`${url}/health`);
  return {
    name,
    url,
    child,
    startMs: upAt - spawnedAt,
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
