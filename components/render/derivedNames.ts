import type { AppSpec } from "../contract/appSpec";
import type { DerivedName } from "../contract/derivedNames";

/** The Render web service's name: `<app>-<environment>`. */
export function renderServiceName(spec: AppSpec): string {
  return `${spec.name}-${spec.environment}`;
}

/**
 * The Render names an app can make too long. Render's API documents no limit on a service's
 * name, but the name becomes the label of its onrender.com host, and DNS allows a label 63
 * characters; the registry credential is named after the service.
 */
export function renderDerivedNames(spec: AppSpec): DerivedName[] {
  return [
    { resource: "the web service (its onrender.com host)", name: renderServiceName(spec), limit: 63, setBy: "DNS" },
  ];
}
