import assert from "node:assert/strict";
import type { PlatformRegistry } from "../../../components/contract/platform";
import { PLATFORM_REGISTRY } from "../../../components/registry";
import { MOCK_GCP } from "../../conformance/adapters/cloudrunMocks";
import { MOCK_AWS } from "../../conformance/adapters/ecsMocks";
import { rejectionOf } from "../../support/configProblems";
import { only, runStack, TEST_IMAGE } from "../../support/runStack";
import { standin } from "../../support/standInPlatform";
import { STAND_IN_SERVICE } from "../../support/standInPlatform/policyView";

/** The built platforms and the stand-in, which carries out rolling and canary releases and has alarms. */
const REGISTRY: PlatformRegistry = { ...PLATFORM_REGISTRY, standin };

/** A valid stack of each platform, with `rollout` set. */
const STACKS: Record<string, (rollout: unknown) => Record<string, unknown>> = {
  ecs: (rollout) => ({ ...base("ecs", rollout), "aws:region": MOCK_AWS.region }),
  kubernetes: (rollout) => base("kubernetes", rollout),
  cloudrun: (rollout) => ({
    ...base("cloudrun", rollout, { cpu: 1, memory: 512 }),
    "gcp:project": MOCK_GCP.project,
    "skyport:cloudrun": { region: "europe-west1" },
  }),
  render: (rollout) => ({
    ...base("render", rollout),
    "skyport:render": { ownerId: "tea-c0ffee123", plan: "standard", region: "frankfurt" },
  }),
  standin: (rollout) => ({ ...base("standin", rollout), "skyport:standin": { region: "north" } }),
};

function base(platform: string, rollout: unknown, app: Record<string, unknown> = {}) {
  return {
    "skyport:platform": platform,
    "skyport:image": TEST_IMAGE,
    "skyport:app": { name: "shop-api", ...app, ...(rollout === undefined ? {} : { rollout }) },
  };
}

const linesOf = async (platform: string, rollout: unknown) =>
  (await rejectionOf(STACKS[platform](rollout), [], REGISTRY)).lines;

/** What the stand-in's service was given, which is the AppSpec's rollout. */
async function rolloutGiven(rollout: unknown): Promise<unknown> {
  const run = await runStack(STACKS.standin(rollout), { registry: REGISTRY });
  return (only(run, STAND_IN_SERVICE).inputs as { rollout: unknown }).rollout;
}

describe("skyport:app.rollout, one setting on every platform", () => {
  it("defaults to a rolling release, and gives a canary its default steps", async () => {
    assert.deepEqual(await rolloutGiven(undefined), {
      strategy: "rolling",
      steps: [],
      bakeMinutes: 5,
      rollbackOnAlarm: false,
    });
    assert.deepEqual(await rolloutGiven({ strategy: "canary" }), {
      strategy: "canary",
      steps: [10, 50],
      bakeMinutes: 5,
      rollbackOnAlarm: false,
    });
    assert.deepEqual(
      await rolloutGiven({ strategy: "canary", steps: [5, 25, 75], bakeMinutes: 10, rollbackOnAlarm: true }),
      {
        strategy: "canary",
        steps: [5, 25, 75],
        bakeMinutes: 10,
        rollbackOnAlarm: true,
      },
    );
  });

  it("refuses bad steps, all at once, naming the key, the value and what is allowed", async () => {
    assert.deepEqual(await linesOf("standin", { strategy: "canary", steps: [50, 10] }), [
      "skyport:app.rollout.steps: [50,10] is not allowed; expected percents strictly increasing, each from 1 to 99, e.g. [10, 50] (100 comes last by itself)",
    ]);
    assert.deepEqual(await linesOf("standin", { strategy: "canary", steps: [10, 100], bakeMinutes: -1 }), [
      "skyport:app.rollout.steps.1: 100 is not allowed; expected a whole number from 1 to 99",
      "skyport:app.rollout.bakeMinutes: -1 is not allowed; expected a whole number from 0 to 1440",
    ]);
    assert.deepEqual(await linesOf("standin", { strategy: "canary", steps: [] }), [
      "skyport:app.rollout.steps: [] is not allowed; expected at least one step, e.g. [10, 50]",
    ]);
    assert.deepEqual(await linesOf("standin", { strategy: "rolling", steps: [10] }), [
      "skyport:app.rollout.steps: [10] is not allowed; expected no steps: steps are a canary's, and the strategy is rolling",
    ]);
    assert.deepEqual(await linesOf("standin", { strategy: "linear", surge: 2 }), [
      'skyport:app.rollout.strategy: "linear" is not allowed; expected rolling, blue-green, canary',
      "skyport:app.rollout.surge: unknown key; allowed keys: strategy, steps, bakeMinutes, rollbackOnAlarm",
    ]);
  });

  it("is refused before anything is created where the platform cannot carry it out, naming what it offers", async () => {
    const rejection = await rejectionOf(STACKS.render({ strategy: "canary", rollbackOnAlarm: true }), [], REGISTRY);
    assert.deepEqual(rejection.lines, [
      'skyport:app.rollout.strategy: "canary" is not allowed; expected a strategy render can carry out: rolling (render offers a zero-downtime rolling deploy gated by the health check, and no traffic splitting)',
      "skyport:app.rollout.rollbackOnAlarm: true is not allowed; expected false: render has no alarms to roll a release back",
    ]);
    assert.deepEqual(rejection.registeredTypes, ["pulumi:pulumi:Stack"], "nothing but the stack was registered");
    assert.deepEqual(await linesOf("standin", { strategy: "blue-green" }), [
      'skyport:app.rollout.strategy: "blue-green" is not allowed; expected a strategy standin can carry out: rolling or canary (standin offers rolling and canary releases)',
    ]);
  });

  for (const platform of Object.keys(PLATFORM_REGISTRY)) {
    it(`${platform}: takes a rolling release, and refuses what it does not carry out`, async () => {
      await runStack(STACKS[platform]({ strategy: "rolling" }), { registry: REGISTRY });
      const { strategies } = PLATFORM_REGISTRY[platform].rollout;
      for (const strategy of ["blue-green", "canary"].filter((s) => !strategies.includes(s as never))) {
        const [line] = await linesOf(platform, { strategy });
        assert.match(
          line,
          new RegExp(
            `^skyport:app\\.rollout\\.strategy: "${strategy}" is not allowed; expected a strategy ${platform} can carry out: rolling \\(${platform} offers .+\\)$`,
          ),
        );
      }
    });
  }
});
