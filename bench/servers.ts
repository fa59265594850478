import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { get } from "node:http";
import { join } from "node:path";
import { appStartArgs } from "../tests/support/appProcess";
import { freePort } from "../tools/freePort";

/** A server under test, in its own process on 127.0.0.1. */
export interface BenchServer {
  name: string;
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** What each benchmark compares: the app as the image runs it, bare node:http, and Koa alone. */
export const SERVER_ARGS: Record<"app" | "bare" | "koaMinimal", string[]> = {
  app: appStartArgs(),
  bare: [join(__dirname, "bare-server.mjs")],
  koaMinimal: [join(__dirname, "koa-minimal.mjs")],
};

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
export async function startBenchServer(name: keyof typeof SERVER_ARGS): Promise<BenchServer & { startMs: number }> {
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
