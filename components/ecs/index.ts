import { definePlatform } from "../contract/platform";
import { ecsDerivedNames } from "./derivedNames";
import { ecsPlanPlaceholders } from "./planPlaceholders";
import { ecsPolicyView } from "./policyView";
import { ecsCrossChecks, ecsSettingsSchema } from "./settings";

/** The `ecs` platform: AWS ECS on Fargate behind an Application Load Balancer. */
export const ecs = definePlatform({
  name: "ecs",
  settingsSchema: ecsSettingsSchema,
  crossChecks: ecsCrossChecks,
  derivedNames: ecsDerivedNames,
  rollout: {
    strategies: ["rolling", "blue-green", "canary"],
    alarms: true,
    stepsBy: "platform",
    offers:
      "a rolling deploy that the deployment circuit breaker rolls back, and its own blue/green, canary and linear deployments",
  },
  credentials: { kind: "aws-oidc", regionKey: "aws:region" },
  providerPackages: ["@pulumi/aws"],
  policyView: ecsPolicyView,
  planPlaceholders: ecsPlanPlaceholders,
  create: async (name, args, opts) => {
    const { EcsPlatform } = await import("./ecsPlatform");
    return new EcsPlatform(name, args, opts);
  },
});
