import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const APP_DIR = join(__dirname, "..", "..", "app");

/**
 * The node arguments of the app's `npm start` (e.g. `--max-semi-space-size=2 dist/server.js`),
 * resolved against app/, so tests and benchmarks run the compiled app exactly as the image does.
 */
export function appStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(APP_DIR, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const [command, ...args] = scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`app start script must run node, not '${command}'`);
  return args.map((arg) => (arg.endsWith(".js") ? join(APP_DIR, arg) : arg));
}

/** A child process running the compiled app on 127.0.0.1, with its parsed log lines. */
export interface AppProcess {
  child: ChildProcess;
  port: number;
  logs: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the compiled app on a free loopback port and waits for its "listening" line. */
export async function spawnApp(env: Record<string, string> = {}, timeoutMs = 10_000): Promise<AppProcess> {
  const child = spawn(process.execPath, appStartArgs(), {
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
