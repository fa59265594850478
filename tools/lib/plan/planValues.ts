import * as pulumi from "@pulumi/pulumi";

import { SECRET_PLACEHOLDER } from "../../../components/contract/configProblem";

/** How the plan shows a secret value (as config errors do), and a value only known after deployment. */
export const SECRET_MARK = SECRET_PLACEHOLDER;
export const UNKNOWN_MARK = "[unknown]";

const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/**
 * Turns a property value exactly as the SDK sent it to the engine (secrets wrapped, unknowns
 * as a sentinel, resources as references) into plain data: `[secret]` where a secret was,
 * `[unknown]` where a value is not known until deployment.
 */
export function toPlanValue(value: unknown): unknown {
  if (value === pulumi.runtime.unknownValue) return UNKNOWN_MARK;
  if (Array.isArray(value)) return value.map(toPlanValue);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const sig = record[pulumi.runtime.specialSigKey];
  if (sig === pulumi.runtime.specialSecretSig) return SECRET_MARK;
  if (sig === RESOURCE_SIG) return record.urn;
  if (sig === OUTPUT_SIG) {
    if (record.secret === true) return SECRET_MARK;
    return "value" in record ? toPlanValue(record.value) : UNKNOWN_MARK;
  }
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, toPlanValue(inner)]));
}
