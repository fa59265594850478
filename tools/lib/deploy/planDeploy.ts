import { readFileSync } from "node:fs";
import { readStackPreview, type StackPreview } from "../report/previewDocument";
import { renderReport } from "../report/renderComment";
import { previewStack } from "../pulumi/previewStack";
import { atRelease } from "./releaseCheckout";
import type { ReleaseGate } from "./releaseGate";
import { describeWalk, readRolloutWalk, type RolloutWalk, stepLabel, walkOf } from "../rollout/rolloutWalk";
import {
  nameImage,
  nameRolloutStep,
  pendingOperations,
  readReleaseRecord,
  recoverySteps,
  type Release,
  type StackCli,
} from "./stackState";

/** A preview of one release on one stack, saved as a plan for approval. */
export interface PlanDeployOptions extends StackCli {
  /** The release the plan deploys: its commit and its image, by digest. */
  release: Release;
  /** Where the plan is saved, for `pulumi up --plan`. */
  planFile: string;
  /** Folder for the preview document and event log. */
  outDir: string;
  /** Plan a rollback to an earlier release. Default false. */
  rollback?: boolean;
  /** What must hold before a release is planned: its order and its provenance. */
  gate: ReleaseGate;
  /** The workflow run, linked from the report. Default none. */
  runUrl?: string;
}

/** The outcome: a plan to approve (or not), or nothing to plan. */
export type PlanOutcome =
  | {
      kind: "planned";
      preview: StackPreview;
      /** The same report the PR comment uses, titled for the approval. */
      report: string;
      /** False when the preview failed or broke a mandatory policy: then there is nothing to approve. */
      ok: boolean;
      provenance: string;
    }
  | { kind: "superseded"; deployed: string }
  | { kind: "refused"; reason: string };

/**
 * Checks the release as a deploy will (pending operations, order, provenance), so no reviewer is
 * asked to approve what cannot deploy, then previews the stack with its image and saves the plan
 * (`pulumi preview --save-plan`), with the policy pack, from the release's own commit's program
 * and config (atRelease); the report shows each change as old → new.
 */
export async function planDeploy(options: PlanDeployOptions): Promise<PlanOutcome> {
  const { stack, release } = options;
  const pending = await pendingOperations(options);
  if (pending.length > 0) return { kind: "refused", reason: recoverySteps(stack, pending) };
  const record = await readReleaseRecord(options);
  const checked = await options.gate.check(release, record.deployed, options.rollback ?? false);
  if (checked.kind !== "go") return checked;

  const { run, rollout } = await atRelease(options.projectDir ?? ".", release.commit, async (projectDir) => {
    const at = { ...options, projectDir };
    const declared = readRolloutWalk(projectDir, stack);
    const walk = walkOf(declared, release, record.good, options.rollback ?? false);
    await nameImage(at, release.image);
    await nameRolloutStep(at, walk ? { stable: walk.stable, percent: walk.steps[0] } : undefined);
    const previewed = await previewStack({
      stack,
      outDir: options.outDir,
      projectDir,
      env: options.env,
      savePlan: options.planFile,
    });
    return { run: previewed, rollout: rolloutIntro(declared, walk !== undefined) };
  });
  const preview = readStackPreview(
    stack,
    readFileSync(run.documentPath, "utf8"),
    "unknown",
    readFileSync(run.eventsPath, "utf8"),
  );
  const report = renderReport([preview], {
    title: `Plan for ${stack}: ${release.image}`,
    intro: [
      `Approving the \`${stack}\` deployment applies exactly this saved plan (\`pulumi up --plan\`); if the stack changed since, the deployment fails and says why.`,
      `The image is ${checked.provenance}.`,
      ...(record.deployed ? [`The stack runs ${record.deployed.commit} now.`] : []),
      rollout,
    ].join(" "),
    runUrl: options.runUrl,
    commit: release.commit,
  });
  return {
    kind: "planned",
    preview,
    report,
    ok: run.exitCode === 0 && preview.kind !== "failed",
    provenance: checked.provenance,
  };
}

/** What the approval says of the rollout: the plan is its first step, or the release deploys whole, and why. */
function rolloutIntro(declared: RolloutWalk, walked: boolean): string {
  const rollout = `Rollout: ${describeWalk(declared)}.`;
  if (declared.steps.length === 0) return rollout;
  if (declared.stepsBy === "platform") {
    return `${rollout} The platform walks the steps within this plan's one deployment, and rolls back by itself when a step fails.`;
  }
  if (!walked) {
    return `${rollout} This release deploys whole, with no steps: the stack has no other good release to keep the rest of the traffic (a first deploy, a redeploy of the image it runs, or a rollback).`;
  }
  return `${rollout} This plan is its first step, ${stepLabel(declared.strategy, declared.steps[0])}; the deploy applies the later steps with fresh \`pulumi up\` runs of the same commit, config and image, and any failed step returns all traffic to the last good release.`;
}
