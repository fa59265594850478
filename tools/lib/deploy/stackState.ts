import { type PulumiRun, runPulumi } from "../pulumi/pulumiCli";

/** Where and how the Pulumi CLI runs for one stack. */
export interface StackCli {
  stack: string;
  /** The project folder. Default: the current folder. */
  projectDir?: string;
  /** Variables for the CLI's environment. */
  env?: NodeJS.ProcessEnv;
}

/** The last image whose smoke test passed on a stack, and the commit it was built from. */
export interface GoodDeploy {
  image: string;
  /** Unknown for a stack last deployed outside the pipeline. */
  commit?: string;
}

/** Stack tags (kept by the backend beside the state) naming the last image that passed its smoke test. */
export const GOOD_IMAGE_TAG = "skyport:good-image";
export const GOOD_COMMIT_TAG = "skyport:good-commit";

/** Runs the CLI for the stack and throws, with its stderr, unless it exits 0. */
export async function mustRun(cli: StackCli, args: readonly string[]): Promise<PulumiRun> {
  const run = await runPulumi([...args, "--stack", cli.stack], { cwd: cli.projectDir, env: cli.env });
  if (run.exitCode !== 0) {
    throw new Error(`pulumi ${args[0]} ${args[1] ?? ""} failed for stack ${cli.stack}: ${errorLines(run)}`);
  }
  return run;
}

/** The CLI's own error lines, or the end of its output when it printed none. */
export function errorLines(run: PulumiRun): string {
  const output = `${run.stderr}\n${run.stdout}`;
  const errors = output.split("\n").filter((line) => /^\s*error:/.test(line));
  return (errors.length > 0 ? errors.join("\n") : output.trim().split("\n").slice(-5).join("\n")).trim();
}

/** The stack's outputs from its last deployment; empty for a stack never deployed. */
export async function stackOutputs(cli: StackCli): Promise<Record<string, unknown>> {
  return JSON.parse((await mustRun(cli, ["stack", "output", "--json"])).stdout || "{}") as Record<string, unknown>;
}

/**
 * The last image that passed its smoke test: the stack tags the deploy tool sets, or, for a
 * stack deployed by hand before, the image it runs (commit unknown). Undefined when there is none.
 */
export async function readGoodDeploy(cli: StackCli): Promise<GoodDeploy | undefined> {
  const tags = await stackTags(cli);
  if (tags[GOOD_IMAGE_TAG]) return { image: tags[GOOD_IMAGE_TAG], commit: tags[GOOD_COMMIT_TAG] || undefined };
  const { image } = await stackOutputs(cli);
  return typeof image === "string" ? { image } : undefined;
}

/** Records an image whose smoke test passed as the stack's last good one. */
export async function recordGoodDeploy(cli: StackCli, good: GoodDeploy): Promise<void> {
  await mustRun(cli, ["stack", "tag", "set", GOOD_IMAGE_TAG, good.image]);
  if (good.commit) await mustRun(cli, ["stack", "tag", "set", GOOD_COMMIT_TAG, good.commit]);
  else if (GOOD_COMMIT_TAG in (await stackTags(cli))) await mustRun(cli, ["stack", "tag", "rm", GOOD_COMMIT_TAG]);
}

async function stackTags(cli: StackCli): Promise<Record<string, string>> {
  return JSON.parse((await mustRun(cli, ["stack", "tag", "ls", "--json"])).stdout || "{}") as Record<string, string>;
}

/** Names the image the next `pulumi up` or preview deploys (in the runner's copy of the stack file). */
export async function nameImage(cli: StackCli, image: string): Promise<void> {
  await mustRun(cli, ["config", "set", "skyport:image", image]);
}
