import { definePlatform } from "../contract/platform";
import { renderDerivedNames } from "./derivedNames";
import { renderPlanPlaceholders } from "./planPlaceholders";
import { renderPolicyView } from "./policyView";
import { renderCrossChecks, renderSettingsSchema } from "./settings";

/** The `render` platform: a Render web service, through Render's API. */
export const render = definePlatform({
  name: "render",
  settingsSchema: renderSettingsSchema,
  crossChecks: renderCrossChecks,
  derivedNames: renderDerivedNames,
  rollout: {
    strategies: ["rolling"],
    alarms: false,
    stepsBy: "deploy",
    offers: "a zero-downtime rolling deploy gated by the health check, and no traffic splitting",
  },
  credentials: { kind: "secret-variable", secret: "RENDER_API_KEY" },
  providerPackages: [],
  policyView: renderPolicyView,
  planPlaceholders: renderPlanPlaceholders,
  create: async (name, args, opts) => {
    const { RenderPlatform } = await import("./renderPlatform");
    return new RenderPlatform(name, args, opts);
  },
});
