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

/**
 * Annotations on every object skyport creates. `pulumi.com/patchForce`: skyport's server-side
 * apply takes back the fields it sets from any other field manager (a `kubectl edit`, a change by
 * hand), so the drift check previews such a change as drift rather than failing on an apply
 * conflict, and a deploy or a rollback puts the object back whole.
 */
export const OWNED_ANNOTATIONS: Readonly<Record<string, string>> = { "pulumi.com/patchForce": "true" };
