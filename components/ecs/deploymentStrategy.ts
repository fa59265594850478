import type { AppSpec } from "../contract/appSpec";
import type { ConfigProblem } from "../contract/configProblem";
import { specProblem } from "../contract/specProblem";

/** ECS's smallest LINEAR step, in percent. */
const LINEAR_MIN_STEP = 3;

/** `aws.ecs.Service`'s deploymentConfiguration for a rollout ECS shifts itself. */
export interface EcsDeploymentConfiguration {
  strategy: "BLUE_GREEN" | "CANARY" | "LINEAR";
  /** How long the old tasks stay after all traffic moved, so a rollback is instant. */
  bakeTimeInMinutes: string;
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: string };
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: string };
}

/** The even step of a linear canary (`[25, 50, 75]` → 25), or undefined when the steps are not one. */
function linearStep(steps: readonly number[]): number | undefined {
  const step = steps[0];
  const even = steps.every((percent, i) => percent === step * (i + 1));
  return steps.length > 1 && even && step * (steps.length + 1) >= 100 ? step : undefined;
}

/**
 * How ECS carries out the rollout in one deployment, or undefined for rolling: blue-green is
 * ECS's BLUE_GREEN; a canary of one step is CANARY; evenly spaced steps up to the last below 100
 * are LINEAR. Each step bakes `bakeMinutes`, and so do the old tasks once all traffic moved.
 */
export function ecsDeploymentConfiguration(spec: AppSpec): EcsDeploymentConfiguration | undefined {
  const { strategy, steps, bakeMinutes } = spec.rollout;
  const bake = String(bakeMinutes);
  if (strategy === "blue-green") return { strategy: "BLUE_GREEN", bakeTimeInMinutes: bake };
  if (strategy !== "canary") return undefined;
  if (steps.length === 1) {
    return {
      strategy: "CANARY",
      bakeTimeInMinutes: bake,
      canaryConfiguration: { canaryPercent: steps[0], canaryBakeTimeInMinutes: bake },
    };
  }
  return {
    strategy: "LINEAR",
    bakeTimeInMinutes: bake,
    linearConfiguration: { stepPercent: linearStep(steps) ?? 0, stepBakeTimeInMinutes: bake },
  };
}

/**
 * ECS shifts a canary's traffic in one step (CANARY) or in even steps (LINEAR, at least 3 % each,
 * until 100): other steps are refused before anything is created, naming both forms.
 */
export function ecsCanaryStepsProblems(spec: AppSpec): ConfigProblem[] {
  const { strategy, steps } = spec.rollout;
  if (strategy !== "canary" || steps.length === 1) return [];
  const step = linearStep(steps);
  if (step !== undefined && step >= LINEAR_MIN_STEP) return [];
  return [
    specProblem(
      spec,
      "rollout.steps",
      `one percent (ECS's CANARY, e.g. [10]) or every multiple of one step below 100 (ECS's LINEAR, at least ${LINEAR_MIN_STEP} % a step, e.g. [25, 50, 75])`,
    ),
  ];
}
