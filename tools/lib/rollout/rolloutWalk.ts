import { readProjectFileIn, stackFilePath } from "../../../components/config/projectFile";
import { rolloutSchema } from "../../../components/config/stackConfigSchema";
import {
  DEFAULT_CANARY_STEPS,
  type RolloutStrategy,
  type RolloutSupport,
  rolloutSteps,
} from "../../../components/contract/rollout";
import { PLATFORM_REGISTRY } from "../../../components/registry";
import { readStackConfigMap } from "../plan/stackFile";
import type { Release } from "../deploy/stackState";

/** How a release reaches all traffic on a stack, as the deploy walks it. */
export interface RolloutWalk {
  strategy: RolloutStrategy;
  /** The percents the deploy applies one `pulumi up` at a time before the release deploys whole. */
  steps: readonly number[];
  /** How long each step must stay healthy before the next. */
  bakeMinutes: number;
  /** Who walks the steps: the deploy, or the platform itself within one deployment (RolloutSupport). */
  stepsBy: RolloutSupport["stepsBy"];
}

/** The stack file's `skyport:app.rollout` (see rolloutOfConfig). */
export function readRolloutWalk(projectDir: string, stack: string): RolloutWalk {
  return rolloutOfConfig(readStackConfigMap(stackFilePath(readProjectFileIn(projectDir), stack)));
}

/**
 * A stack's `skyport:app.rollout`, with the contract's defaults, from its config as a stack file
 * holds it or as a preview document reports it (objects as JSON). A rollout the schema or the
 * platform refuses walks no steps: the program then refuses it, naming the key, before anything
 * is created.
 */
export function rolloutOfConfig(config: Record<string, unknown>): RolloutWalk {
  const app = parsedObject(config["skyport:app"]);
  const platform = config["skyport:platform"];
  const support =
    typeof platform === "string" && Object.hasOwn(PLATFORM_REGISTRY, platform)
      ? PLATFORM_REGISTRY[platform].rollout
      : undefined;
  const stepsBy = support?.stepsBy ?? "deploy";
  const parsed = rolloutSchema.safeParse(app?.rollout ?? {});
  const none: RolloutWalk = { strategy: "rolling", steps: [], bakeMinutes: 0, stepsBy };
  if (!parsed.success) return none;
  const { strategy, bakeMinutes } = parsed.data;
  if (support && !support.strategies.includes(strategy)) return none;
  const steps = strategy === "canary" ? (parsed.data.steps ?? [...DEFAULT_CANARY_STEPS]) : [];
  return {
    strategy,
    steps: rolloutSteps({ strategy, steps, bakeMinutes, rollbackOnAlarm: false }),
    bakeMinutes,
    stepsBy,
  };
}

function parsedObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string")
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  try {
    return parsedObject(JSON.parse(value));
  } catch {
    return undefined;
  }
}

/** A walk this deploy takes: the rollout's steps, beside the stable release's image. */
export interface StableWalk extends RolloutWalk {
  stable: string;
}

/**
 * The walk this deploy takes, with the last good release as the stable one; undefined when it
 * deploys whole: a rollout without steps, one the platform walks itself, a stack with no good
 * release, a redeploy of the image it runs, or a rollback.
 */
export function walkOf(
  walk: RolloutWalk,
  release: Release,
  good: Release | undefined,
  rollback: boolean,
): StableWalk | undefined {
  if (walk.steps.length === 0 || walk.stepsBy === "platform") return undefined;
  if (!good || good.image === release.image || rollback) return undefined;
  return { ...walk, stable: good.image };
}

/** How the walk reads in a log, a summary or an approval: `canary: 10 % → 50 % → whole, 5 min bake each`. */
export function describeWalk(walk: RolloutWalk): string {
  if (walk.steps.length === 0) return `${walk.strategy}: the release deploys whole`;
  const steps = [...walk.steps.map((percent) => stepLabel(walk.strategy, percent)), "whole"].join(" → ");
  if (walk.stepsBy === "platform") {
    return `${walk.strategy}: ${steps}, shifted by the platform within one deployment, each step held ${walk.bakeMinutes} min`;
  }
  return `${walk.strategy}: ${steps}, each step smoke-tested and held healthy for ${walk.bakeMinutes} min`;
}

/** One step's name: a canary's percent, or blue-green's `beside` (0 %) and `switched` (100 %). */
export function stepLabel(strategy: RolloutStrategy, percent: number): string {
  if (strategy !== "blue-green") return `${percent} %`;
  return percent === 0 ? "beside (0 %)" : "switched (100 %)";
}
