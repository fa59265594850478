import type { AppSpec } from "../contract/appSpec";
import { type DerivedName, fitName } from "../contract/derivedNames";

/**
 * Every Google name the Cloud Run platform derives, each with the environment in it, so two
 * environments of one app can share a project. Ids only the program reads (the service
 * account's, the remote repository's) and the account's display name are shortened with
 * fitName; the names people use (the service, the secrets) are refused when too long, by
 * cloudRunDerivedNames.
 */
export const cloudRunNames = {
  /** The Cloud Run service: `<app>-<environment>`, at most 49 characters. */
  service: (spec: AppSpec) => `${spec.name}-${spec.environment}`,
  /** A service account id: 6 to 30 lowercase letters, digits and '-'. */
  serviceAccountId: (spec: AppSpec) => {
    const id = fitName(`${spec.name}-${spec.environment}`, 30);
    return id.length >= 6 ? id : `${id}-skyport`;
  },
  /** The service account's display name, at most 100 bytes. */
  serviceAccountDisplayName: (spec: AppSpec) => fitName(`${spec.name} (${spec.environment}), managed by skyport`, 100),
  /** The Secret Manager secret of one secret env var. */
  secret: (spec: AppSpec, envName: string) => `${spec.name}-${spec.environment}-${envName}`,
  /** The Secret Manager secret of the image registry's password. */
  registryPasswordSecret: (spec: AppSpec) => `${spec.name}-${spec.environment}-registry-password`,
  /** The Artifact Registry remote repository that fronts a registry: at most 63 characters. */
  remoteRepository: (spec: AppSpec) =>
    fitName(`${spec.name}-${spec.environment}-${spec.image.registry.replace(/[^a-z0-9]+/g, "-")}`, 63),
};

/** The Cloud Run names an app can make too long: the service (49) and its secrets (255). */
export function cloudRunDerivedNames(spec: AppSpec): DerivedName[] {
  return [
    { resource: "the Cloud Run service", name: cloudRunNames.service(spec), limit: 49, setBy: "Cloud Run" },
    ...Object.keys(spec.secretEnv).map((envName) => ({
      resource: `the Secret Manager secret of ${envName}`,
      name: cloudRunNames.secret(spec, envName),
      limit: 255,
      setBy: "Secret Manager",
    })),
    ...(spec.registryAuth
      ? [
          {
            resource: "the registry password's secret",
            name: cloudRunNames.registryPasswordSecret(spec),
            limit: 255,
            setBy: "Secret Manager",
          },
        ]
      : []),
  ];
}
