import type { RolloutStep } from "../../../components/contract/rollout";
import { type PulumiRun, runPulumi } from "../pulumi/pulumiCli";

/** Where and how the Pulumi CLI runs for one stack. */
export interface StackCli {
  stack: string;
  /** The project folder. Default: the current folder. */
  projectDir?: string;
  /** Variables for the CLI's environment. */
  env?: NodeJS.ProcessEnv;
}

/** One release of the app: the commit whose program and config deploy it, and the image it runs. */
export interface Release {
  commit: string;
  image: string;
}

/**
 * What a stack's state records of its releases, as stack tags kept beside the state (so only a
 * principal that may write the state, the deploy's, can change them): the release deployed
 * last, and the last one whose smoke test passed.
 */
export interface ReleaseRecord {
  deployed?: Release;
  good?: Release;
}

const TAGS = {
  deployed: { commit: "skyport:deployed-commit", image: "skyport:deployed-image" },
  good: { commit: "skyport:good-commit", image: "skyport:good-image" },
} as const;

/** Runs the CLI for the stack and throws, with its stderr, unless it exits 0. */
export async function mustRun(cli: StackCli, args: readonly string[]): Promise<PulumiRun> {
  const run = await runPulumi([...args, "--stack", cli.stack], { cwd: cli.projectDir, env: cli.env });
  if (run.exitCode !== 0) {
    throw new Error(`pulumi ${args[0]} ${args[1] ?? ""} failed for stack ${cli.stack}: ${errorLines(run)}`);
  }
  return run;
}

/**
 * The CLI's own error lines, each with the indented lines that go on from it (a config error's
 * list of problems), or the end of its output when it printed none.
 */
export function errorLines(run: PulumiRun): string {
  const output = `${run.stderr}\n${run.stdout}`;
  const errors: string[] = [];
  let inError = false;
  for (const line of output.split("\n")) {
    inError = /^\s*error:/.test(line) || (inError && /^\s+\S/.test(line) && !/^\s*error:/.test(line));
    if (inError) errors.push(line);
  }
  return (errors.length > 0 ? errors.join("\n") : output.trim().split("\n").slice(-5).join("\n")).trim();
}

/** The stack's outputs from its last deployment; empty for a stack never deployed. */
export async function stackOutputs(cli: StackCli): Promise<Record<string, unknown>> {
  return JSON.parse((await mustRun(cli, ["stack", "output", "--json"])).stdout || "{}") as Record<string, unknown>;
}

async function stackTags(cli: StackCli): Promise<Record<string, string>> {
  return JSON.parse((await mustRun(cli, ["stack", "tag", "ls", "--json"])).stdout || "{}") as Record<string, string>;
}

/** The stack's release record; a release the tags do not name in full is not there. */
export async function readReleaseRecord(cli: StackCli): Promise<ReleaseRecord> {
  const tags = await stackTags(cli);
  const release = (kind: keyof typeof TAGS): Release | undefined => {
    const commit = tags[TAGS[kind].commit];
    const image = tags[TAGS[kind].image];
    return commit && image ? { commit, image } : undefined;
  };
  return { deployed: release("deployed"), good: release("good") };
}

/** Records a release as the stack's deployed one, and, when its smoke test passed, as its last good one. */
export async function recordRelease(cli: StackCli, release: Release, good: boolean): Promise<void> {
  const kinds = good ? (["deployed", "good"] as const) : (["deployed"] as const);
  for (const kind of kinds) {
    await mustRun(cli, ["stack", "tag", "set", TAGS[kind].commit, release.commit]);
    await mustRun(cli, ["stack", "tag", "set", TAGS[kind].image, release.image]);
  }
}

/** Names the image the next `pulumi up` or preview deploys (in the runner's copy of the stack file). */
export async function nameImage(cli: StackCli, image: string): Promise<void> {
  await mustRun(cli, ["config", "set", "skyport:image", image]);
}

/**
 * Names the rollout step the next `pulumi up` applies (`skyport:rolloutStep`, in the runner's
 * copy of the stack file), or, with none, removes it, so the release deploys whole.
 */
export async function nameRolloutStep(cli: StackCli, step: RolloutStep | undefined): Promise<void> {
  if (!step) {
    await mustRun(cli, ["config", "rm", "skyport:rolloutStep"]);
    return;
  }
  await mustRun(cli, ["config", "set", "--path", "skyport:rolloutStep.stable", step.stable]);
  await mustRun(cli, ["config", "set", "--path", "--type", "int", "skyport:rolloutStep.percent", String(step.percent)]);
}

/** One operation an interrupted update left pending: the engine does not know whether it happened. */
export interface PendingOperation {
  type: string;
  urn: string;
}

/** The operations an interrupted (cancelled, killed) update left in the stack's state. */
export async function pendingOperations(cli: StackCli): Promise<PendingOperation[]> {
  const state = JSON.parse((await mustRun(cli, ["stack", "export"])).stdout) as {
    deployment?: { pending_operations?: Array<{ type?: string; resource?: { urn?: string } }> };
  };
  return (state.deployment?.pending_operations ?? []).map((operation) => ({
    type: operation.type ?? "unknown",
    urn: operation.resource?.urn ?? "unknown",
  }));
}

/** What to do about pending operations, step by step, before the stack deploys again. */
export function recoverySteps(stack: string, pending: PendingOperation[]): string {
  const listed = pending.map((operation) => `  - ${operation.type} of ${operation.urn}`).join("\n");
  return [
    `stack ${stack} has ${pending.length} pending operation(s), left by an update that was cancelled or killed; the engine does not know whether they happened:`,
    listed,
    "Recover, then run the deploy again (docs/pipeline.md, 'An interrupted deploy'):",
    `  1. Look in the cloud for each resource above. For a create that did happen, note its id.`,
    `  2. pulumi refresh --stack ${stack} --import-pending-creates <urn> <id> for each one that exists, or --clear-pending-creates to drop the creates that did not happen; a refresh settles pending updates and deletes.`,
    `  3. If the update still holds the stack (Pulumi Cloud), pulumi cancel --stack ${stack} first.`,
    `  4. Or, by hand: pulumi stack export --stack ${stack} --file state.json, remove the entries of pending_operations after checking each, and pulumi stack import --stack ${stack} --file state.json.`,
  ].join("\n");
}
