import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import type { RegistryAuth } from "../contract/appSpec";
import { secretSlug } from "../contract/workload";
import type { EcsSettings } from "./settings";

/** A container `secrets` entry: the env var name and where ECS reads its value. */
export interface SecretRef {
  name: string;
  valueFrom: pulumi.Output<string>;
}

/**
 * Stores each secret env value in Secrets Manager (or as an SSM SecureString) and returns the
 * references the container reads them by; the values themselves stay Pulumi secrets.
 */
export function storeSecrets(
  name: string,
  spec: AppSpec,
  store: EcsSettings["secretStore"],
  parent: pulumi.Resource,
): SecretRef[] {
  return Object.entries(spec.secretEnv).map(([envName, value]) => {
    const slug = secretSlug(envName);
    const path = `skyport/${spec.name}/${spec.environment}/${envName}`;
    if (store === "ssm") {
      const parameter = new aws.ssm.Parameter(
        `${name}-param-${slug}`,
        { name: `/${path}`, type: "SecureString", value: pulumi.secret(value) },
        { parent },
      );
      return { name: envName, valueFrom: parameter.arn };
    }
    const secret = new aws.secretsmanager.Secret(`${name}-secret-${slug}`, { namePrefix: `${path}-` }, { parent });
    new aws.secretsmanager.SecretVersion(
      `${name}-secret-${slug}-value`,
      { secretId: secret.id, secretString: pulumi.secret(value) },
      { parent },
    );
    return { name: envName, valueFrom: secret.arn };
  });
}

/** Stores registry credentials as the JSON ECS expects for repositoryCredentials. */
export function storeRegistryCredentials(
  name: string,
  spec: AppSpec,
  auth: RegistryAuth,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const secret = new aws.secretsmanager.Secret(
    `${name}-registry-credentials`,
    { namePrefix: `skyport/${spec.name}/${spec.environment}/registry-` },
    { parent },
  );
  new aws.secretsmanager.SecretVersion(
    `${name}-registry-credentials-value`,
    {
      secretId: secret.id,
      secretString: auth.password.apply((password) => JSON.stringify({ username: auth.username, password })),
    },
    { parent },
  );
  return secret.arn;
}
