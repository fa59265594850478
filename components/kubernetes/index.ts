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
    strategies: ["rolling"],
    alarms: false,
    offers:
      "a rolling update that keeps minInstances available; skyport does not run canary or blue/green Deployments yet",
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
