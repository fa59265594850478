import * as pulumi from "@pulumi/pulumi";
import type { ConfigProblem } from "../contract/configProblem";

/**
 * A provider setting the platform's Pulumi provider cannot work without (`aws:region`,
 * `gcp:project`): a problem when neither the stack's config nor the variables the provider also
 * reads give it, so an offline plan refuses what the real provider would.
 */
export function missingProviderSetting(key: string, environment: readonly string[], example: string): ConfigProblem[] {
  if (pulumi.runtime.allConfig()[key] || environment.some((name) => process.env[name])) return [];
  return [
    {
      key,
      missing: true,
      expected: `the provider's ${key.split(":")[1]}: \`pulumi config set ${key} ${example}\` (or ${environment.join(" or ")} in the environment)`,
    },
  ];
}
