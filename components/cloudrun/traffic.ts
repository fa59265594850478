import type { RolloutStep } from "../contract/rollout";

/** The tag that gives the candidate revision a URL of its own during a step. */
export const CANDIDATE_TAG = "candidate";

const LATEST = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST";
const REVISION = "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION";

/** One of a Cloud Run service's traffic targets, as `gcp.cloudrunv2.Service` takes it. */
export interface TrafficTarget {
  type: typeof LATEST | typeof REVISION;
  percent: number;
  revision?: string;
  tag?: string;
}

/**
 * Where a service's traffic goes. Whole: all of it to the latest ready revision. At a step the
 * release is the latest revision, tagged `candidate` (so it has its own URL), with the step's
 * percent, and the stable revision keeps the rest: blue-green's step 0 creates the candidate with
 * no traffic, and its step 100 gives it all.
 */
export function trafficTargets(step: RolloutStep | undefined, stableRevision: string | undefined): TrafficTarget[] {
  if (!step) return [{ type: LATEST, percent: 100 }];
  if (!stableRevision) {
    throw new Error(
      `skyport:rolloutStep: Cloud Run pins the stable release by its revision, which a whole deploy records as the stack's stableRevision output; this stack's last deployment has none, so deploy it whole once (no skyport:rolloutStep) before walking a rollout`,
    );
  }
  const candidate: TrafficTarget = { type: LATEST, percent: step.percent, tag: CANDIDATE_TAG };
  if (step.percent === 100) return [candidate];
  return [{ type: REVISION, revision: stableRevision, percent: 100 - step.percent }, candidate];
}

/** The candidate's own URL, as the service reports it back in its traffic statuses. */
export function candidateUri(statuses: ReadonlyArray<{ tag?: string; uri?: string }> | undefined): string {
  return statuses?.find((status) => status.tag === CANDIDATE_TAG)?.uri ?? "";
}
