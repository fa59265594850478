import { definePlatform } from "../contract/platform";
import { kubernetesDerivedNames } from "./derivedNames";
import { kubernetesPlanPlaceholders } from "./planPlaceholders";
import { kubernetesPolicyView } from "./policyView";
import { kubernetesCrossChecks, kubernetesSettingsSchema } from "./settings";

/** The `kubernetes` platform: an existing cluster, reached through a kubeconfig. */
export const kubernetes = definePlatform({
  name: "kubernetes",
  settingsSchema: kubernetesSettingsSchema,
  crossChecks: kubernetesCrossChecks,
  derivedNames: kubernetesDerivedNames,
  rollout: {
    strategies: ["rolling", "blue-green", "canary"],
    alarms: false,
    stepsBy: "deploy",
    offers: "rolling updates, canary Deployments (weighted by a Gateway's HTTPRoute when one is named) and blue/green",
  },
  credentials: { kind: "secret-file", secret: "KUBECONFIG_DATA", fileVariable: "KUBECONFIG" },
  providerPackages: ["@pulumi/kubernetes"],
  policyView: kubernetesPolicyView,
  planPlaceholders: kubernetesPlanPlaceholders,
  create: async (name, args, opts) => {
    const { KubernetesPlatform } = await import("./kubernetesPlatform");
    return new KubernetesPlatform(name, args, opts);
  },
});
