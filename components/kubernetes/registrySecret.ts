import type * as pulumi from "@pulumi/pulumi";
import type { ImageRef } from "../contract/imageRef";
import type { RegistryAuth } from "../contract/appSpec";

/**
 * The key a pull secret files credentials under for the image's registry. Docker Hub's is
 * `https://index.docker.io/v1/`, which the kubelet uses for every Docker Hub image, whether or
 * not its name spells out `docker.io`.
 */
export function dockerConfigServer(image: ImageRef): string {
  return image.registry === "docker.io" ? "https://index.docker.io/v1/" : image.registry;
}

/** The `.dockerconfigjson` for a pull secret for the image's registry; secret, as it holds the password. */
export function dockerConfigJson(auth: RegistryAuth, image: ImageRef): pulumi.Output<string> {
  return auth.password.apply((password) =>
    JSON.stringify({
      auths: {
        [dockerConfigServer(image)]: {
          username: auth.username,
          password,
          auth: Buffer.from(`${auth.username}:${password}`).toString("base64"),
        },
      },
    }),
  );
}
