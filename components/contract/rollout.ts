import type { AppSpec } from "./appSpec";
import type { ConfigProblem } from "./configProblem";
import { specProblem } from "./specProblem";

/** How a new release takes traffic, the same words on every platform. */
export const ROLLOUT_STRATEGIES = ["rolling", "blue-green", "canary"] as const;
export type RolloutStrategy = (typeof ROLLOUT_STRATEGIES)[number];

/** The canary's steps when the stack gives none: percent of traffic, in order. */
export const DEFAULT_CANARY_STEPS = [10, 50] as const;

/**
 * Where a canary or blue/green release stands while its steps are walked: `skyport:rolloutStep`,
 * set for one step's `pulumi up`. Without one, the program deploys the release whole (the last
 * step), which is also what every preview and plan shows.
 */
export interface RolloutStep {
  /** The release that keeps the rest of the traffic: its image, by digest. */
  stable: string;
  /** The candidate's percent of traffic: a canary's step, or blue-green's 0 (beside) or 100 (switched). */
  percent: number;
}

/** Blue/green's two steps: the candidate beside the stable release, then all traffic on it. */
export const BLUE_GREEN_STEPS = [0, 100] as const;

/** How a release rolls out: `skyport:app.rollout`, validated. */
export interface RolloutSpec {
  /** rolling (the default), blue-green or canary. */
  strategy: RolloutStrategy;
  /** A canary's percents of traffic, strictly increasing, each 1–99; 100 comes last by itself. Empty unless canary. */
  steps: number[];
  /** How long each step must stay healthy before the next, in minutes. */
  bakeMinutes: number;
  /** Whether the platform's own alarm rolls a release back, where the platform has alarms. */
  rollbackOnAlarm: boolean;
  /** The step the deploy is at (`skyport:rolloutStep`); absent when the release deploys whole. */
  step?: RolloutStep;
}

/** The steps the deploy walks before the release deploys whole: a canary's, or blue-green's two. */
export function rolloutSteps(rollout: RolloutSpec): readonly number[] {
  if (rollout.strategy === "canary") return rollout.steps;
  return rollout.strategy === "blue-green" ? BLUE_GREEN_STEPS : [];
}

/** What a platform can carry out of a rollout. */
export interface RolloutSupport {
  /** The strategies it carries out; `rolling` always. */
  strategies: readonly RolloutStrategy[];
  /** Whether it has alarms that can roll a release back (`rollbackOnAlarm`). */
  alarms: boolean;
  /**
   * Who walks a canary's or blue/green's steps: `deploy`, one `pulumi up` per step with
   * `skyport:rolloutStep` set (npm run deploy), or `platform`, which shifts traffic itself within
   * one deployment (ECS), so a stack there never names a step.
   */
  stepsBy: "deploy" | "platform";
  /** What it does offer, as a refusal says it: `a zero-downtime rolling deploy gated by the health check`. */
  offers: string;
}

/**
 * The rule every platform shares: a rollout the platform cannot carry out is refused before
 * anything is created, naming what it does offer.
 */
export function rolloutProblems(platform: string, spec: AppSpec, support: RolloutSupport): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { strategy, rollbackOnAlarm, step } = spec.rollout;
  if (!support.strategies.includes(strategy)) {
    problems.push(
      specProblem(
        spec,
        "rollout.strategy",
        `a strategy ${platform} can carry out: ${support.strategies.join(" or ")} (${platform} offers ${support.offers})`,
      ),
    );
  }
  if (rollbackOnAlarm && !support.alarms) {
    problems.push(
      specProblem(spec, "rollout.rollbackOnAlarm", `false: ${platform} has no alarms to roll a release back`),
    );
  }
  const steps = rolloutSteps(spec.rollout);
  if (step && support.stepsBy === "platform") {
    problems.push(
      specProblem(spec, "rollout.step", `no step: ${platform} walks a release's steps itself, within one deployment`),
    );
  } else if (step && !steps.includes(step.percent)) {
    problems.push(
      specProblem(
        spec,
        "rollout.step",
        steps.length === 0
          ? "no step: only a canary or blue-green release has steps, and this one is rolling"
          : `a percent of the ${strategy} release's steps: ${steps.join(", ")}`,
      ),
    );
  }
  return problems;
}
