import { definePlatform } from "../platform";
import { kubernetesCrossChecks, kubernetesSettingsSchema } from "./settings";

/** The `kubernetes` platform: an existing cluster, reached through a kubeconfig. */
export const kubernetes = definePlatform({
  name: "kubernetes",
  settingsSchema: kubernetesSettingsSchema,
  crossChecks: kubernetesCrossChecks,
  create: async (name, args, opts) => {
    const { KubernetesPlatform } = await import("./kubernetesPlatform");
    return new KubernetesPlatform(name, args, opts);
  },
});
