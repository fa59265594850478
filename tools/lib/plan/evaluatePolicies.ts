import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../../../policy/policies";
import type { PlannedResource } from "./recorder";
import { policyConfigPath } from "../pulumi/policyArgs";
import { PROJECT_DIR } from "./stackFile";

/** A policy pack config file: `all` and per-policy levels or `{enforcementLevel?, ...options}`. */
export type PolicyConfig = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

/** One thing a policy found. */
export interface Violation {
  policy: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  resource?: string;
}

type Policy = ResourceValidationPolicy | StackValidationPolicy;

/** The stack's policy config (policy/config/<stack>.json), or none: every policy advisory. */
export function readPolicyConfig(stack: string): PolicyConfig {
  const path = join(PROJECT_DIR, policyConfigPath(stack));
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as PolicyConfig) : {};
}

function levelOf(policy: Policy, config: PolicyConfig): EnforcementLevel {
  const own = config[policy.name];
  if (typeof own === "string") return own;
  const all = config.all;
  return own?.enforcementLevel ?? (typeof all === "string" ? all : undefined) ?? policy.enforcementLevel ?? "advisory";
}

function optionsOf(policy: Policy, config: PolicyConfig): Record<string, unknown> {
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [
      key,
      (schema as { default?: unknown }).default,
    ]),
  );
  const own = config[policy.name];
  return { ...defaults, ...(typeof own === "object" ? own : {}) };
}

/**
 * Runs the policy pack's policies on a plan's registrations, as CrossGuard runs them on a
 * preview: each resource's inputs are its props. A newcomer and a fork get the verdict the
 * pipeline would give.
 */
export function evaluatePolicies(
  registrations: PlannedResource[],
  config: PolicyConfig,
  policies: Policy[] = POLICIES,
): Violation[] {
  const violations: Violation[] = [];
  const resources = registrations.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs }));
  for (const policy of policies) {
    const enforcementLevel = levelOf(policy, config);
    if (enforcementLevel === "disabled") continue;
    const getConfig = <T>() => optionsOf(policy, config) as T;
    const report = (resource?: string) => (message: string, urn?: string) =>
      violations.push({
        policy: policy.name,
        enforcementLevel,
        message,
        ...((resource ?? urn) ? { resource: resource ?? urn } : {}),
      });
    if ("validateStack" in policy) {
      const validate = policy.validateStack as unknown as (
        args: unknown,
        report: (m: string, urn?: string) => void,
      ) => void;
      validate({ resources, getConfig }, report());
    } else {
      const validate = policy.validateResource as unknown as (args: unknown, report: (m: string) => void) => void;
      for (const resource of resources) validate({ ...resource, getConfig }, report(resource.urn));
    }
  }
  return violations;
}
