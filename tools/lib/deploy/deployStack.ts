import type { DeploymentHistory } from "../github/deploymentHistory";
import { policyArgs } from "../pulumi/policyArgs";
import { runPulumi } from "../pulumi/pulumiCli";
import { bake } from "../smoke/bake";
import { type SmokeOptions, smokeTest } from "../smoke/smokeTest";
import type { RolloutStep } from "../../../components/contract/rollout";
import type { ReleaseGate } from "./releaseGate";
import { atRelease } from "./releaseCheckout";
import { describeWalk, readRolloutWalk, type StableWalk, stepLabel, walkOf } from "../rollout/rolloutWalk";
import {
  errorLines,
  nameImage,
  nameRolloutStep,
  pendingOperations,
  readReleaseRecord,
  recordRelease,
  recoverySteps,
  type Release,
  type StackCli,
  stackOutputs,
} from "./stackState";

/** One deploy of a release to a stack. */
export interface DeployOptions extends StackCli {
  /** The release: its commit (whose build the image must be) and its image, by digest. */
  release: Release;
  /** Apply exactly this saved plan (`pulumi up --plan`). Default: a fresh `pulumi up`. */
  planFile?: string;
  /** Go back to an earlier release: the only way a deploy may. Default false. */
  rollback?: boolean;
  /** What must hold before a release is applied: its order and its provenance. */
  gate: ReleaseGate;
  /** Where the deploy's GitHub deployments go. Default: none. */
  history?: DeploymentHistory;
  /** Called when the rollback failed too, to tell people (an issue for the stack). */
  onRollbackFailed?: (failure: RollbackFailure) => Promise<void>;
  /** How long and how often the smoke test tries. Default: smokeTest's (5 min, every 5 s). */
  smoke?: Pick<SmokeOptions, "timeoutMs" | "intervalMs">;
  /** Pause between a rollout step's health checks while it bakes, ms. Default 10000. */
  bakeIntervalMs?: number;
  /** Where progress goes. Default stderr. */
  log?: (line: string) => void;
}

/** One step of a canary or blue/green walk, as the job's log and summary show it. */
export interface WalkedStep {
  /** `step 1 of 3: 10 %`. */
  label: string;
  passed: boolean;
  /** What was checked, or why the step failed. */
  detail: string;
}

/** A deploy and its rollback both failed: what each said, and what the stack is left with. */
export interface RollbackFailure {
  stack: string;
  release: Release;
  good: Release;
  failure: string;
  rollbackFailure: string;
  /** What the stack runs now, as far as is known. */
  leftWith: string;
}

/** How a deploy ended. Only "deployed" and "superseded" are not failures. */
export type DeployOutcome =
  | { kind: "deployed"; release: Release; url: string; provenance: string; steps: WalkedStep[] }
  | { kind: "superseded"; deployed: string }
  | { kind: "refused"; reason: string }
  | { kind: "rolled-back"; failed: Release; release: Release; url: string; reason: string; steps: WalkedStep[] }
  | { kind: "failed"; reason: string };

type Applied = { kind: "up"; url: string; candidateUrl?: string } | { kind: "failed"; reason: string };

/** How the release's way forward went: live at its url, or why not; the steps it walked. */
type Forward = { url: string; failure?: undefined; steps: WalkedStep[] } | { failure: string; steps: WalkedStep[] };

/**
 * Deploys a release to a stack, under the pipeline's rules:
 * 1. a stack left with pending operations by an interrupted update is refused, with the steps
 *    that recover it;
 * 2. the release must go forward (its commit descends from the deployed one; an older one is
 *    superseded, unless `rollback` asks to go back) and its image must be this repository's
 *    build of its commit (the gate), before anything is applied;
 * 3. `pulumi up` (of the saved plan, when given) with the policy pack, then the smoke test at
 *    the stack's URL; a pass makes it the stack's last good release. A canary or blue/green
 *    rollout first walks its steps beside the last good release, one `pulumi up` each with
 *    `skyport:rolloutStep` set (the saved plan is the first), each smoke-tested at the stack's
 *    candidateUrl and held healthy for bakeMinutes; then the release deploys whole;
 * 4. a failed up, smoke test or step rolls back whole, all traffic back on the last good release: the last good release's commit is checked out,
 *    and its program and stack config deploy its image (its provenance checked too), smoke-tested;
 *    the outcome is still a failure. A failed rollback says what the stack is left with and calls
 *    onRollbackFailed.
 * A release always deploys its own commit's program and config: one that is not the project
 * folder's checkout (an explicit rollback) deploys from a checkout of its commit.
 * Each deploy and rollback is a GitHub deployment of its commit, when `history` is given.
 */
export async function deployStack(options: DeployOptions): Promise<DeployOutcome> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { stack, release } = options;
  const pending = await pendingOperations(options);
  if (pending.length > 0) return { kind: "refused", reason: recoverySteps(stack, pending) };

  const record = await readReleaseRecord(options);
  const checked = await options.gate.check(release, record.deployed, options.rollback ?? false);
  if (checked.kind === "superseded") return { kind: "superseded", deployed: checked.deployed };
  if (checked.kind === "refused") return { kind: "refused", reason: checked.reason };
  log(`${stack}: ${release.image} (${release.commit}): ${checked.provenance}`);

  const deployment = await options.history?.start(release, release.image);
  const forward = await deployForward(options, release, record.good, log);
  if (forward.failure === undefined) {
    await recordRelease(options, release, true);
    if (deployment !== undefined) await options.history?.succeed(deployment, forward.url, "live, smoke test passed");
    return { kind: "deployed", release, url: forward.url, provenance: checked.provenance, steps: forward.steps };
  }
  const reason = forward.failure;
  await recordRelease(options, release, false);
  if (deployment !== undefined) await options.history?.fail(deployment, reason);

  const good = record.good;
  if (!good || good.commit === release.commit) {
    return { kind: "failed", reason: `${reason}; ${stack} has no earlier good release to roll back to` };
  }
  log(`${stack}: ${reason}; rolling back to ${good.commit} (${good.image})`);
  const rolledBack = await rollBackTo(options, good);
  if (rolledBack.kind === "up") {
    return { kind: "rolled-back", failed: release, release: good, url: rolledBack.url, reason, steps: forward.steps };
  }
  const leftWith = {
    refused: `${stack} runs ${release.commit} (${release.image}), the release that failed: the rollback applied nothing`,
    up: `${stack} is as the rollback's failed pulumi up left it, part way between ${release.commit} and ${good.commit}: run pulumi refresh --stack ${stack} and look`,
    smoke: `${stack} runs ${good.commit}'s program with ${good.image}, which failed its smoke test`,
  }[rolledBack.stage];
  await options.onRollbackFailed?.({
    stack,
    release,
    good,
    failure: reason,
    rollbackFailure: rolledBack.reason,
    leftWith,
  });
  return {
    kind: "failed",
    reason: `${reason}; the rollback to ${good.commit} (${good.image}) failed too: ${rolledBack.reason}. ${leftWith}`,
  };
}

/** How a rollback went: up and healthy, or where it stopped. */
type RolledBack = { kind: "up"; url: string } | { kind: "failed"; reason: string; stage: "refused" | "up" | "smoke" };

/** Deploys the last good release, its provenance checked again; the record follows when it passes. */
async function rollBackTo(options: DeployOptions, good: Release): Promise<RolledBack> {
  const provenance = await options.gate.provenance(good);
  if (provenance.kind === "refused") return { kind: "failed", reason: provenance.reason, stage: "refused" };
  const deployment = await options.history?.start(good, `rollback to ${good.image}`);
  // After a failed update the cloud may hold part of it while the state says otherwise: refresh.
  const applied = await applyRelease(options, good, { refresh: true });
  const failure = applied.kind === "failed" ? applied.reason : await smoke(options, applied.url, good);
  if (!failure && applied.kind === "up") {
    await recordRelease(options, good, true);
    if (deployment !== undefined)
      await options.history?.succeed(deployment, applied.url, "rolled back to the last good release");
    return applied;
  }
  const reason = failure ?? "the rollback failed";
  if (deployment !== undefined) await options.history?.fail(deployment, reason);
  return { kind: "failed", reason, stage: applied.kind === "up" ? "smoke" : "up" };
}

/**
 * Takes a release to all traffic from the folder that holds its own commit's program and stack
 * config: its rollout's steps beside the last good release, when it has any, then whole.
 */
function deployForward(
  options: DeployOptions,
  release: Release,
  good: Release | undefined,
  log: (line: string) => void,
): Promise<Forward> {
  return atRelease(
    options.projectDir ?? ".",
    release.commit,
    async (projectDir) => {
      const at = { ...options, projectDir };
      const walk = walkOf(readRolloutWalk(projectDir, options.stack), release, good, options.rollback ?? false);
      const walked = walk ? await walkSteps(options, at, release, walk, log) : { steps: [] };
      if (walked.failure) {
        // The rollback deploys from the good release's own config; this folder keeps none of the walk.
        await nameRolloutStep(at, undefined);
        return { failure: walked.failure, steps: walked.steps };
      }
      const applied = await apply(options, at, release, { planFile: walk ? undefined : options.planFile });
      const failure = applied.kind === "failed" ? applied.reason : await smoke(options, applied.url, release);
      const steps = [...walked.steps];
      if (walk) {
        const label = `step ${steps.length + 1} of ${steps.length + 1}: whole`;
        log(`${options.stack}: ${label}`);
        steps.push({
          label,
          passed: !failure,
          detail: failure ?? "the release passed its smoke test at the stack's url",
        });
      }
      return applied.kind === "up" && !failure
        ? { url: applied.url, steps }
        : { failure: failure ?? "the deploy failed", steps };
    },
    options.log,
  );
}

/** Applies each step of a walk (the saved plan is the first), checks it, and stops at the first failure. */
async function walkSteps(
  options: DeployOptions,
  at: StackCli,
  release: Release,
  walk: StableWalk,
  log: (line: string) => void,
): Promise<{ failure?: string; steps: WalkedStep[] }> {
  log(`${options.stack}: rolling out ${describeWalk(walk)}, beside ${walk.stable}`);
  const steps: WalkedStep[] = [];
  for (const [index, percent] of walk.steps.entries()) {
    const label = `step ${index + 1} of ${walk.steps.length + 1}: ${stepLabel(walk.strategy, percent)}`;
    log(`${options.stack}: ${label}`);
    const step = { stable: walk.stable, percent };
    const applied = await apply(options, at, release, { planFile: index === 0 ? options.planFile : undefined, step });
    const failure =
      applied.kind === "failed" ? applied.reason : await checkStep(options, applied, release, walk.bakeMinutes);
    steps.push({
      label,
      passed: !failure,
      detail: failure ?? `the candidate passed its smoke test and stayed healthy for ${walk.bakeMinutes} min`,
    });
    if (failure) return { failure: `${options.stack}: ${label}: ${failure}`, steps };
  }
  return { steps };
}

/** A step's candidate smoke-tested at the stack's candidateUrl, then held healthy for the bake. */
async function checkStep(
  options: DeployOptions,
  applied: { url: string; candidateUrl?: string },
  release: Release,
  bakeMinutes: number,
): Promise<string | undefined> {
  const { candidateUrl } = applied;
  if (!candidateUrl) return "the stack has no candidateUrl output, so there is no candidate to smoke-test";
  const smoked = await smoke(options, candidateUrl, release);
  if (smoked) return `the candidate: ${smoked}`;
  return bake({
    targets: [{ url: candidateUrl, commit: release.commit }, { url: applied.url }],
    durationMs: bakeMinutes * 60_000,
    intervalMs: options.bakeIntervalMs,
    log: options.log,
  });
}

/** Applies a release whole from the folder that holds its own commit's program and stack config (atRelease). */
function applyRelease(options: DeployOptions, release: Release, how: { refresh?: boolean } = {}): Promise<Applied> {
  return atRelease(
    options.projectDir ?? ".",
    release.commit,
    (projectDir) => apply(options, { ...options, projectDir }, release, how),
    options.log,
  );
}

/**
 * `pulumi up` of a release's image from a project folder (the saved plan, when given), at a
 * rollout step or, with none, whole; the stack's URLs once it is up.
 */
async function apply(
  options: DeployOptions,
  at: StackCli,
  release: Release,
  how: { planFile?: string; refresh?: boolean; step?: RolloutStep } = {},
): Promise<Applied> {
  const { planFile } = how;
  await nameImage(at, release.image);
  await nameRolloutStep(at, how.step);
  const up = await runPulumi(
    [
      "up",
      "--stack",
      options.stack,
      "--yes",
      "--skip-preview",
      ...policyArgs(options.stack, at.projectDir ?? "."),
      ...(planFile ? ["--plan", planFile] : []),
      ...(how.refresh ? ["--refresh"] : []),
    ],
    { cwd: at.projectDir, env: options.env },
  );
  if (up.exitCode !== 0) {
    const what = planFile
      ? `the approved plan (${planFile}) no longer applies or failed; if the stack changed since the plan, run the deploy's plan again`
      : "pulumi up failed";
    return { kind: "failed", reason: `${options.stack}: ${what}: ${errorLines(up)}` };
  }
  const { url, candidateUrl } = await stackOutputs(at);
  if (typeof url !== "string") return { kind: "failed", reason: `${options.stack}: the stack has no url output` };
  return { kind: "up", url, ...(typeof candidateUrl === "string" ? { candidateUrl } : {}) };
}

/** The smoke test's failure, or undefined when it passes. */
async function smoke(options: DeployOptions, url: string, release: Release): Promise<string | undefined> {
  try {
    await smokeTest({ url, commit: release.commit, ...options.smoke, log: options.log });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
