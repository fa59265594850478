import type { AppSpec } from "../contract/appSpec";

/** Labels that select the app's pods; never change them on a live Deployment. */
export function selectorLabels(spec: AppSpec): Record<string, string> {
  return { "app.kubernetes.io/name": spec.name, "app.kubernetes.io/instance": `${spec.name}-${spec.environment}` };
}

/** Labels on every object skyport creates. */
export function commonLabels(spec: AppSpec): Record<string, string> {
  return {
    ...selectorLabels(spec),
    "app.kubernetes.io/managed-by": "skyport",
    "skyport.dev/environment": spec.environment,
  };
}
