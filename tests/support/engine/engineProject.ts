import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../../../tools/lib/plan/stackFile";
import { policyArgs } from "../../../tools/lib/pulumi/policyArgs";
import { type PulumiRun, runPulumi } from "../../../tools/lib/pulumi/pulumiCli";
import { type PreviewStackOptions, previewStack, type StackPreviewRun } from "../../../tools/lib/pulumi/previewStack";

/** The image every engine test's first deploy names, as the pipeline names the one it built. */
export const FIRST_IMAGE = `ghcr.io/acme/skyport-app@sha256:${"9f4c".repeat(16)}`;

/** What the program needs to run: copied, so a test can change stack files freely. */
const PROJECT_FILES = [
  "Pulumi.yaml",
  "bundler",
  "index.ts",
  "package.json",
  "tsconfig.json",
  "components",
  "policy",
  "stacks",
];

/**
 * A copy of the project in a temporary folder, driven by the real Pulumi CLI against a local
 * file backend with a random passphrase and its own PULUMI_HOME. node_modules is linked, not
 * copied. Nothing reaches the network: the only provider is the skyport-render plugin.
 */
export class EngineProject {
  /** The project copy, where the CLI runs. */
  readonly dir: string;
  /** The CLI's environment: backend, passphrase, home. */
  readonly env: NodeJS.ProcessEnv;
  private readonly root: string;

  constructor(env: NodeJS.ProcessEnv = {}) {
    this.root = mkdtempSync(join(tmpdir(), "skyport-engine-"));
    this.dir = join(this.root, "project");
    for (const entry of PROJECT_FILES) cpSync(join(PROJECT_DIR, entry), join(this.dir, entry), { recursive: true });
    symlinkSync(join(PROJECT_DIR, "node_modules"), join(this.dir, "node_modules"), "dir");
    this.env = {
      PULUMI_HOME: join(this.root, "home"),
      PULUMI_BACKEND_URL: `file://${join(this.root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: randomBytes(12).toString("hex"),
      // Only the skyport-render plugin is here; without this the engine spends seconds
      // failing to download aws, gcp and kubernetes, which the Render stack never loads.
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      ...env,
    };
    mkdirSync(join(this.root, "state"));
  }

  /** Runs the CLI in the project; resolves whatever the exit status. */
  pulumi(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<PulumiRun> {
    return runPulumi(args, { cwd: this.dir, env: { ...this.env, ...env } });
  }

  /** Runs the CLI and throws, with its output, unless it exits 0. */
  async must(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<PulumiRun> {
    const run = await this.pulumi(args, env);
    if (run.exitCode !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${run.exitCode}\n${run.stderr}\n${run.stdout.slice(-4000)}`);
    }
    return run;
  }

  /** Path of a stack file in the copy. */
  stackFile(stack: string): string {
    return join(this.dir, "stacks", `Pulumi.${stack}.yaml`);
  }

  /** `pulumi config set [--secret] --path key value`. */
  async setConfig(stack: string, path: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
    await this.must([
      "config",
      "set",
      "--stack",
      stack,
      "--path",
      ...(options.secret ? ["--secret"] : []),
      path,
      value,
    ]);
  }

  /** `pulumi preview` as the pipeline runs it, documents under `<copy>/previews`. */
  preview(options: Omit<PreviewStackOptions, "projectDir" | "outDir"> & { outDir?: string }): Promise<StackPreviewRun> {
    return previewStack({
      outDir: join(this.root, "previews"),
      ...options,
      projectDir: this.dir,
      env: { ...this.env, ...options.env },
    });
  }

  /**
   * Creates the staging stack from its stack file, pointed at a fake Render API with its key
   * set as a secret and a 0.1 s deploy poll, naming FIRST_IMAGE, as every engine test and
   * measurement runs it.
   */
  async initRenderStaging(fake: { baseUrl: string; apiKey: string }): Promise<void> {
    await this.must(["stack", "init", "staging"]);
    await this.setConfig("staging", "skyport:image", FIRST_IMAGE);
    await this.setConfig("staging", "skyport:render.apiUrl", fake.baseUrl);
    await this.setConfig("staging", "skyport:render.deployPollSeconds", "0.1");
    await this.setConfig("staging", "skyport:render.apiKey", fake.apiKey, { secret: true });
  }

  /** `pulumi up` with the policy pack and the stack's policy config, as the pipeline deploys. */
  up(stack: string, args: readonly string[] = []): Promise<PulumiRun> {
    return this.pulumi(["up", "--stack", stack, "--yes", "--skip-preview", ...policyArgs(stack, this.dir), ...args]);
  }

  /** The stack's state, as `pulumi stack export` prints it. */
  async exportStack(stack: string): Promise<string> {
    return (await this.must(["stack", "export", "--stack", stack])).stdout;
  }

  /**
   * Makes the copy a git repository (node_modules left out) and commits all of it: a release's
   * program and config, as the pipeline's checkout holds them. Resolves with the commit's sha.
   */
  commitAll(message: string): string {
    const git = (...args: string[]) =>
      execFileSync(
        "git",
        ["-C", this.dir, "-c", "user.name=skyport", "-c", "user.email=skyport@example.test", ...args],
        {
          encoding: "utf8",
        },
      ).trim();
    if (!existsSync(join(this.dir, ".git"))) {
      git("init", "-q", "-b", "main");
      writeFileSync(join(this.dir, ".gitignore"), "node_modules\n");
    }
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD");
  }

  /**
   * Kills what a killed CLI left running: its plugins (the skyport-render plugin, the Kubernetes
   * provider) outlive a SIGKILL of the CLI's process group. Each is found by this project's
   * PULUMI_HOME in its environment.
   */
  killLeftovers(): void {
    const marker = `PULUMI_HOME=${this.env.PULUMI_HOME}\0`;
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
      try {
        if (`${readFileSync(`/proc/${pid}/environ`, "latin1")}\0`.includes(marker))
          process.kill(Number(pid), "SIGKILL");
      } catch {
        // The process ended, or is not ours to read.
      }
    }
  }

  /** Kills anything the project's CLI left running, and removes the copy, the state and the home. */
  dispose(): void {
    this.killLeftovers();
    rmSync(this.root, { recursive: true, force: true });
  }
}
