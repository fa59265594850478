import * as pulumi from "@pulumi/pulumi";

/** Registry credentials as the kubeconfig-style settings give them. */
export interface RegistryAuth {
  server: string;
  username: string;
  password: string;
}

/** The `.dockerconfigjson` for a pull secret, kept secret because it holds the password. */
export function dockerConfigJson(auth: RegistryAuth): pulumi.Output<string> {
  return pulumi.secret(auth.password).apply((password) =>
    JSON.stringify({
      auths: {
        [auth.server]: {
          username: auth.username,
          password,
          auth: Buffer.from(`${auth.username}:${password}`).toString("base64"),
        },
      },
    }),
  );
}
