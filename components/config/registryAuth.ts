import { nonEmptyString, strictObject } from "./schemaParts";
import { secretString } from "./secretSetting";

/**
 * `skyport:registryAuth`: credentials for the private registry the image is pulled from, the
 * same on every platform. It parses into the contract's RegistryAuth (readStackConfig's
 * AppSpec is type-checked against it); each platform stores them in its own secret store.
 */
export const registryAuthSchema = strictObject({
  username: nonEmptyString.describe("The user name at the image's registry."),
  password: secretString.describe(
    "The password or access token: `pulumi config set --secret --path 'skyport:registryAuth.password' <value>`.",
  ),
});
