import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import { type Command, execute } from "../../tools/lib/cli/command";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";

/** The entry point of `npm run <script>`: `tools/<script>/cli.ts`. */
export function cliPath(script: string): string {
  return join(PROJECT_DIR, "tools", script, "cli.ts");
}

/** node's arguments for `npm run <script>`, as package.json's scripts give them. */
export function cliNodeArgs(script: string): string[] {
  return ["--require", join(PROJECT_DIR, "bundler", "register.cjs"), cliPath(script)];
}

/** Where and with what environment a CLI runs: the project, this process's env and the options'. */
function spawnOptions(options: CliOptions) {
  return { cwd: options.cwd ?? PROJECT_DIR, env: { ...process.env, ...options.env } };
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
      ...spawnOptions(options),
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

/** runCli, waiting for the CLI to end: for a CLI that needs nothing from this process. */
export function runCliSync(script: string, args: readonly string[], options: CliOptions = {}): CliRun {
  const { status, stdout, stderr } = spawnSync(process.execPath, [...cliNodeArgs(script), ...args], {
    ...spawnOptions(options),
    input: options.input ?? "",
    encoding: "utf8",
  });
  return { status, stdout, stderr };
}

/**
 * Runs a CLI's command in this process, as its cli.ts would with these arguments, and resolves
 * with its exit status and what it wrote. For the cases after the one that proves the npm
 * script's wiring with runCli: no process start, so a loaded machine cannot time them out.
 * The environment is the one given on top of this process's (a key given as undefined is
 * unset, as a spawned CLI would not see it), and is put back afterwards.
 */
export async function runCommand<Options extends ParseArgsOptionsConfig>(
  command: Command<Options>,
  args: readonly string[],
  options: Pick<CliOptions, "env"> = {},
): Promise<CliRun> {
  const savedEnv = { ...process.env };
  const written = { stdout: "", stderr: "" };
  const streams = { stdout: process.stdout, stderr: process.stderr };
  const ownWrites = {
    stdout: Object.getOwnPropertyDescriptor(process.stdout, "write"),
    stderr: Object.getOwnPropertyDescriptor(process.stderr, "write"),
  };
  for (const name of ["stdout", "stderr"] as const) {
    streams[name].write = (chunk: string | Uint8Array) => {
      written[name] += String(chunk);
      return true;
    };
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const status = await execute(command, args);
    return { status, ...written };
  } finally {
    for (const name of ["stdout", "stderr"] as const) {
      const own = ownWrites[name];
      if (own) Object.defineProperty(streams[name], "write", own);
      else delete (streams[name] as { write?: unknown }).write;
    }
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}
