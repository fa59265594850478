import { definePlatform } from "../../../components/contract/platform";
import { standInPolicyView } from "./policyView";
import { standInCrossChecks, standInSettingsSchema } from "./settings";

/**
 * `standin`: a fifth platform that exists only in tests, to prove that a platform joins with
 * its own folder, one registry line and one conformance adapter.
 */
export const standin = definePlatform({
  name: "standin",
  settingsSchema: standInSettingsSchema,
  crossChecks: standInCrossChecks,
  derivedNames: (spec) => [
    { resource: "the stand-in service", name: `${spec.name}-${spec.environment}`, limit: 40, setBy: "the stand-in" },
  ],
  rollout: {
    strategies: ["rolling", "canary"],
    alarms: true,
    stepsBy: "deploy",
    offers: "rolling and canary releases",
  },
  credentials: { kind: "secret-variable", secret: "STANDIN_TOKEN" },
  providerPackages: [],
  policyView: standInPolicyView,
  planPlaceholders: {},
  create: async (name, args, opts) => {
    const { StandInPlatform } = await import("./standInPlatform");
    return new StandInPlatform(name, args, opts);
  },
});
