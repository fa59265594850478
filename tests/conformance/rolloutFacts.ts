import assert from "node:assert/strict";
import type { PlatformRegistry } from "../../components/contract/platform";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { ROLLOUT_STRATEGIES } from "../../components/contract/rollout";
import { rejectionOf } from "../support/configProblems";
import { runStack, TEST_IMAGE } from "../support/runStack";
import { type ConformanceAdapter, ROLLOUT_STABLE } from "./facts";

const STABLE_IMAGE = ROLLOUT_STABLE.image;
/** The stack the facts run as (runStack's default). */
const STACK = "test";

/**
 * The rollout facts every platform must meet: a strategy it cannot carry out is refused before
 * anything is created, naming what it offers; where it carries one out, a canary at 10 % gives the
 * release 10 % of the production path, and blue/green serves one colour at a time from it.
 * Nine instances, so a platform that splits by instance count can split exactly.
 */
export function describeRolloutFacts(
  adapter: ConformanceAdapter,
  registry: PlatformRegistry = PLATFORM_REGISTRY,
): void {
  const support = registry[adapter.platform].rollout;
  const config = (rollout: unknown, percent?: number) => ({
    "skyport:platform": adapter.platform,
    "skyport:image": TEST_IMAGE,
    "skyport:environment": "conformance",
    "skyport:app": { name: "conformance", minInstances: 9, maxInstances: 12, rollout },
    ...(percent === undefined ? {} : { "skyport:rolloutStep": { stable: STABLE_IMAGE, percent } }),
    [`skyport:${adapter.platform}`]: adapter.settings,
    ...adapter.providerConfig,
  });
  const shares = async (rollout: unknown, percent?: number) => {
    assert.ok(
      adapter.trafficShares,
      `${adapter.platform} carries out ${support.strategies.join(", ")}: its adapter must read trafficShares`,
    );
    // The stack's last whole deploy ran the stable release: its outputs, as a step reads them.
    const deployedStacks = {
      [`organization/skyport/${STACK}`]: { image: STABLE_IMAGE, stableRevision: ROLLOUT_STABLE.revision },
    };
    return adapter.trafficShares(await runStack(config(rollout, percent), { registry, deployedStacks }));
  };

  describe(`${adapter.platform}: rollouts`, () => {
    for (const strategy of ROLLOUT_STRATEGIES.filter((s) => !support.strategies.includes(s))) {
      it(`refuses ${strategy} before anything is created, naming what ${adapter.platform} offers`, async () => {
        const rejection = await rejectionOf(config({ strategy }), [], registry);
        assert.deepEqual(rejection.registeredTypes, ["pulumi:pulumi:Stack"], "nothing but the stack itself");
        assert.ok(
          rejection.lines.some(
            (line) =>
              line.startsWith(`skyport:app.rollout.strategy: "${strategy}"`) &&
              line.includes(`${adapter.platform} offers ${support.offers}`),
          ),
          rejection.lines.join("\n"),
        );
      });
    }

    if (support.stepsBy === "deploy") describeWalkedFacts(support.strategies, shares);
    else describeShiftedFacts(adapter, support.strategies, config, registry);
  });
}

/** The facts of a platform the deploy walks, one step per `pulumi up`: read at each step. */
function describeWalkedFacts(
  strategies: readonly string[],
  shares: (rollout: unknown, percent?: number) => Promise<Record<string, number>>,
): void {
  if (strategies.includes("canary")) {
    it("gives a canary at 10 % a tenth of the production path, the stable release the rest", async () => {
      assert.deepEqual(await shares({ strategy: "canary", steps: [10, 50] }, 10), {
        [STABLE_IMAGE]: 90,
        [TEST_IMAGE]: 10,
      });
    });

    it("serves only the release from the production path once it deploys whole", async () => {
      assert.deepEqual(await shares({ strategy: "canary", steps: [10, 50] }), { [TEST_IMAGE]: 100 });
    });
  }
  if (strategies.includes("blue-green")) {
    it("serves one colour at a time from the production path: stable beside the candidate, then the candidate alone", async () => {
      assert.deepEqual(await shares({ strategy: "blue-green" }, 0), { [STABLE_IMAGE]: 100 });
      assert.deepEqual(await shares({ strategy: "blue-green" }, 100), { [TEST_IMAGE]: 100 });
    });
  }
}

/** The facts of a platform that shifts traffic itself within one deployment: read from its settings. */
function describeShiftedFacts(
  adapter: ConformanceAdapter,
  strategies: readonly string[],
  config: (rollout: unknown) => Record<string, unknown>,
  registry: PlatformRegistry,
): void {
  const shifted = async (rollout: unknown) => {
    assert.ok(adapter.shiftedSteps, `${adapter.platform} shifts traffic itself: its adapter must read shiftedSteps`);
    return adapter.shiftedSteps(await runStack(config(rollout), { registry }));
  };
  if (strategies.includes("canary")) {
    it("shifts a canary at 10 % to a tenth of the production path first, then all of it", async () => {
      assert.deepEqual(await shifted({ strategy: "canary", steps: [10] }), [10, 100]);
    });
  }
  if (strategies.includes("blue-green")) {
    it("switches blue/green's production path all at once: never both colours", async () => {
      assert.deepEqual(await shifted({ strategy: "blue-green" }), [100]);
    });
  }
}
