import type { AppSpec } from "../contract/appSpec";
import type { DerivedName } from "../contract/derivedNames";
import { selectorLabels } from "./labels";

/**
 * The Kubernetes names an app can make too long: label values (the selector's instance label,
 * `<app>-<environment>`) hold at most 63 characters. Object names (`<app>`, `<app>-registry`) are
 * DNS names an app name of 32 characters always fits.
 */
export function kubernetesDerivedNames(spec: AppSpec): DerivedName[] {
  return Object.entries(selectorLabels(spec)).map(([label, value]) => ({
    resource: `the pods' label ${label}`,
    name: value,
    limit: 63,
    setBy: "Kubernetes",
  }));
}
