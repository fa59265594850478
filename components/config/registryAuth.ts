import type { z } from "zod";
import { nonEmptyString, strictObject } from "./schemaParts";
import { secretString } from "./secretSetting";

/**
 * `skyport:registryAuth`: credentials for the private registry the image is pulled from, the
 * same on every platform. Each platform stores them in its own secret store for its pulls.
 */
export const registryAuthSchema = strictObject({
  /** User name at the image's registry. Required. */
  username: nonEmptyString,
  /** Password or access token (set with --secret). Required. */
  password: secretString,
});

/** Credentials for the image's registry; the password is a Pulumi secret. */
export type RegistryAuth = z.output<typeof registryAuthSchema>;
