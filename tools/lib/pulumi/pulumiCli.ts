import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What one run of the Pulumi CLI printed and how it ended. */
export interface PulumiRun {
  /** The CLI's exit status; non-zero when the operation failed. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Where and with what the CLI runs. */
export interface PulumiRunOptions {
  /** The project folder (holding Pulumi.yaml). Default: the current folder. */
  cwd?: string;
  /** Variables added to this process's environment. Default none. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the `pulumi` CLI found on PATH and resolves with its exit status and output; a non-zero
 * exit is not an error here, the caller judges it. `--event-log` exists only while
 * PULUMI_DEBUG_COMMANDS is set (as the Automation API sets it), so it is always set. Every node
 * process the CLI starts (the program, the policy pack, the skyport-render plugin) shares Node's
 * compile cache, the one bundler/register.cjs turns on, unless NODE_COMPILE_CACHE names another.
 */
export function runPulumi(args: readonly string[], options: PulumiRunOptions = {}): Promise<PulumiRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", args, {
      cwd: options.cwd,
      env: {
        ...process.env,
        PULUMI_SKIP_UPDATE_CHECK: "1",
        PULUMI_DEBUG_COMMANDS: "true",
        NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), "node-compile-cache"),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (err) =>
      reject(new Error(`cannot run the Pulumi CLI (pulumi on PATH): ${err.message}`, { cause: err })),
    );
    child.on("close", (code) =>
      resolve({
        exitCode: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}
