import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** The compiled app entry point, run exactly as the image runs it. */
export const APP_ENTRY = join(__dirname, "..", "..", "app", "dist", "server.js");

/** A child process running the compiled app on 127.0.0.1, with its parsed log lines. */
export interface AppProcess {
  child: ChildProcess;
  port: number;
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node app/dist/server.js` on a free loopback port and waits for its "listening" line. */
export async function spawnApp(env: Record<string, string> = {}, timeoutMs = 10_000): Promise<AppProcess> {
  const child = spawn(process.execPath, [APP_ENTRY], {
    env: { PATH: process.env.PATH, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const logs: Array<Record<string, unknown>> = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not listen within ${timeoutMs} ms`)), timeoutMs);
    void exited.then(({ code }) => reject(new Error(`app exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === "listening") {
        clearTimeout(timer);
        resolve(entry.port as number);
      }
    });
  });
  return { child, port, logs, exited };
}
