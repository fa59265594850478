import { definePlatform } from "../contract/platform";
import { cloudRunDerivedNames } from "./names";
import { cloudRunPlanPlaceholders } from "./planPlaceholders";
import { cloudRunPolicyView } from "./policyView";
import { cloudRunCrossChecks, cloudRunSettingsSchema } from "./settings";

/** The `cloudrun` platform: a Google Cloud Run (v2) service. */
export const cloudrun = definePlatform({
  name: "cloudrun",
  settingsSchema: cloudRunSettingsSchema,
  crossChecks: cloudRunCrossChecks,
  derivedNames: cloudRunDerivedNames,
  rollout: {
    strategies: ["rolling", "blue-green", "canary"],
    alarms: false,
    stepsBy: "deploy",
    offers:
      "a switch to each new revision once it is ready, and traffic split between a tagged candidate revision and the stable one",
  },
  credentials: { kind: "gcp-oidc" },
  providerPackages: ["@pulumi/gcp"],
  policyView: cloudRunPolicyView,
  planPlaceholders: cloudRunPlanPlaceholders,
  create: async (name, args, opts) => {
    const { CloudRunPlatform } = await import("./cloudRunPlatform");
    return new CloudRunPlatform(name, args, opts);
  },
});
