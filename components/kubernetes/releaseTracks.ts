import type { AppSpec } from "../contract/appSpec";
import { selectorLabels } from "./labels";

/** The pod label that tells the stable release's pods from the candidate's. */
export const TRACK_LABEL = "skyport.dev/track";

/** The stable release, or the candidate beside it during a canary or blue/green release. */
export type Track = "stable" | "candidate";

/** Suffix of the candidate's Deployment and Service names: `<app>-candidate`. */
export const CANDIDATE_SUFFIX = "-candidate";

/** Whether the release has tracks at all: a rolling one has one Deployment and no track label. */
export function hasTracks(spec: AppSpec): boolean {
  return spec.rollout.strategy !== "rolling";
}

/** The labels that select one track's pods. */
export function trackSelector(spec: AppSpec, track: Track): Record<string, string> {
  return { ...selectorLabels(spec), [TRACK_LABEL]: track };
}

/**
 * How many pods the candidate runs at its step. Blue/green: as many as the stable release's
 * floor. A canary without a Gateway shares the Service by pod count, beside the stable release's
 * minInstances (which the HPA may raise), so its share is candidate / (candidate + stable):
 * 10 % beside 9 stable pods is one pod in ten, and beside fewer it is at least one pod and more
 * than the step (1 of 3 beside 2). With a Gateway the route's weights carry the percent exactly,
 * and the canary still gets this many pods.
 */
export function candidateReplicas(spec: AppSpec, percent: number): number {
  if (spec.rollout.strategy === "blue-green") return spec.scaling.min;
  return Math.max(1, Math.round((spec.scaling.min * percent) / (100 - percent)));
}

/**
 * What the app's Service selects. Rolling: every pod of the app. A canary without a Gateway:
 * both tracks, so the canary takes its share by pod count. A canary with a Gateway: the stable
 * track, the route weighing it against the candidate's own Service. Blue/green: one track, the
 * candidate's once the step reaches 100, so the production path never serves both.
 */
export function serviceSelector(spec: AppSpec, gateway: boolean): Record<string, string> {
  const { strategy, step } = spec.rollout;
  if (strategy === "rolling" || (strategy === "canary" && !gateway)) return selectorLabels(spec);
  return trackSelector(spec, strategy === "blue-green" && step?.percent === 100 ? "candidate" : "stable");
}
