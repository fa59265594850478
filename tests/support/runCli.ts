import { spawn } from "node:child_process";
import { join } from "node:path";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";

/** The entry point of `npm run <script>`: `tools/<script>/cli.ts`. */
export function cliPath(script: string): string {
  return join(PROJECT_DIR, "tools", script, "cli.ts");
}

/** node's arguments for `npm run <script>`, as package.json's scripts give them. */
export function cliNodeArgs(script: string): string[] {
  return ["--require", join(PROJECT_DIR, "bundler", "register.cjs"), cliPath(script)];
}

/** How one CLI run ended. */
export interface CliRun {
  /** The exit status; null when a signal ended it. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Where and with what a CLI runs. */
export interface CliOptions {
  /** Working folder. Default: the project. */
  cwd?: string;
  /** Variables added to this process's environment. Default none. */
  env?: NodeJS.ProcessEnv;
  /** Text written to the CLI's stdin. Default none. */
  input?: string;
}

/**
 * Runs `npm run <script> -- <args>` as npm would, without npm in between. Asynchronous, so a
 * fake server in this process keeps answering it.
 */
export function runCli(script: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliNodeArgs(script), ...args], {
      cwd: options.cwd ?? PROJECT_DIR,
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
