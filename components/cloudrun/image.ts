import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import { imageAt, type ImageRef } from "../contract/imageRef";
import { cloudRunNames } from "./names";
import type { CloudRunSettings } from "./settings";

/** True for registries Cloud Run pulls from directly: Artifact Registry (and gcr.io on it) and Docker Hub. */
export function pullsDirectly(registry: string): boolean {
  return registry === "docker.io" || /(^|\.)gcr\.io$/.test(registry) || /-docker\.pkg\.dev$/.test(registry);
}

/** Where a remote repository pulls from, with the upstream credentials when the registry is private. */
function remoteConfig(ref: ImageRef, passwordSecretVersion?: pulumi.Input<string>, username?: string) {
  return {
    description: `pull-through for ${ref.registry}, managed by skyport`,
    dockerRepository: { customRepository: { uri: `https://${ref.registry}` } },
    ...(passwordSecretVersion
      ? { upstreamCredentials: { usernamePasswordCredentials: { username, passwordSecretVersion } } }
      : {}),
  };
}

/**
 * The image as Cloud Run pulls it. Artifact Registry and Docker Hub images are used as they
 * are; any other registry (GHCR, ...) is fronted by an Artifact Registry remote repository
 * that this program manages, and the image is pulled from it by the same digest.
 */
export function serviceImage(
  name: string,
  spec: AppSpec,
  settings: CloudRunSettings,
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[],
): pulumi.Output<string> {
  const { image: ref, registryAuth } = spec;
  if (pullsDirectly(ref.registry)) return pulumi.output(ref.ref);

  let passwordVersion: gcp.secretmanager.SecretVersion | undefined;
  if (registryAuth) {
    const secret = new gcp.secretmanager.Secret(
      `${name}-registry-password`,
      { secretId: cloudRunNames.registryPasswordSecret(spec), replication: { auto: {} } },
      { parent, dependsOn },
    );
    passwordVersion = new gcp.secretmanager.SecretVersion(
      `${name}-registry-password-value`,
      { secret: secret.id, secretData: registryAuth.password },
      { parent },
    );
    const projectNumber = gcp.organizations.getProjectOutput({}, { parent }).number;
    new gcp.secretmanager.SecretIamMember(
      `${name}-registry-password-reader`,
      {
        secretId: secret.id,
        role: "roles/secretmanager.secretAccessor",
        member: pulumi.interpolate`serviceAccount:service-${projectNumber}@gcp-sa-artifactregistry.iam.gserviceaccount.com`,
      },
      { parent },
    );
  }
  const repository = new gcp.artifactregistry.Repository(
    `${name}-remote`,
    {
      location: settings.region,
      repositoryId: cloudRunNames.remoteRepository(spec),
      format: "DOCKER",
      mode: "REMOTE_REPOSITORY",
      remoteRepositoryConfig: remoteConfig(ref, passwordVersion?.name, registryAuth?.username),
    },
    { parent, dependsOn },
  );
  return pulumi
    .all([repository.location, repository.project, repository.repositoryId])
    .apply(([location, project, id]) => imageAt(`${location}-docker.pkg.dev/${project}/${id}`, ref));
}
