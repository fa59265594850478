import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import { secretSlug } from "../contract/workload";
import { cloudRunNames } from "./names";

/** A container env var read from Secret Manager. */
export interface SecretEnv {
  name: string;
  valueSource: { secretKeyRef: { secret: pulumi.Output<string>; version: pulumi.Output<string> } };
}

/**
 * Creates one Secret Manager secret per secret env var, each with one version, and grants the
 * accessor role on it to the service's account alone.
 */
export function storeSecrets(
  name: string,
  spec: AppSpec,
  serviceAccountEmail: pulumi.Output<string>,
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[],
): { envs: SecretEnv[]; grants: pulumi.Resource[] } {
  const envs: SecretEnv[] = [];
  const grants: pulumi.Resource[] = [];
  for (const [envName, value] of Object.entries(spec.secretEnv)) {
    const slug = secretSlug(envName);
    const secret = new gcp.secretmanager.Secret(
      `${name}-secret-${slug}`,
      { secretId: cloudRunNames.secret(spec, envName), replication: { auto: {} } },
      { parent, dependsOn },
    );
    const version = new gcp.secretmanager.SecretVersion(
      `${name}-secret-${slug}-value`,
      { secret: secret.id, secretData: pulumi.secret(value) },
      { parent },
    );
    grants.push(
      new gcp.secretmanager.SecretIamMember(
        `${name}-secret-${slug}-accessor`,
        {
          secretId: secret.id,
          role: "roles/secretmanager.secretAccessor",
          member: pulumi.interpolate`serviceAccount:${serviceAccountEmail}`,
        },
        { parent },
      ),
    );
    envs.push({ name: envName, valueSource: { secretKeyRef: { secret: secret.secretId, version: version.version } } });
  }
  return { envs, grants };
}
