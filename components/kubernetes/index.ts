import { definePlatform } from "../platform";
import { checkKubernetesApp, kubernetesSettingsSchema } from "./settings";

/** The `kubernetes` platform: an existing cluster, reached through a kubeconfig. */
export const kubernetes = definePlatform({
  name: "kubernetes",
  settingsSchema: kubernetesSettingsSchema,
  crossCheck: (stack) => checkKubernetesApp(stack.app),
  create: async (name, args, opts) => {
    const { KubernetesPlatform } = await import("./kubernetesPlatform");
    return new KubernetesPlatform(name, args, opts);
  },
});
