import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_FILE_VARIABLE } from "../../../components/config/plaintextSecrets";
import { evaluatePolicies, readPolicyConfig } from "./evaluatePolicies";
import { planStack } from "./planStack";
import { renderPlan } from "./renderPlan";
import { type ProjectFile, readStackFile, stackFilePath } from "./stackFile";

/** How one stack is planned and printed. */
export interface PlanOutputOptions {
  /** One JSON document instead of the readable tree. Default false. */
  json?: boolean;
  /** Also run the policy pack on the plan, with the stack's policy config. Default false. */
  policy?: boolean;
  /** The config file to read instead of the stack's file in stacks/. Default none. */
  configFile?: string;
}

/** What planning one stack printed, and its exit status: 0, or 1 on refused config or a mandatory violation. */
export interface PlanOutput {
  status: number;
  stdout: string;
  stderr: string;
}

/** How a failed plan is worded: a refused config by its own message, anything else as a failure. */
export function describePlanFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return pulumi.RunError.isInstance(err) ? message : `plan failed: ${message}`;
}

/**
 * Plans one stack offline and renders what `npm run plan` prints for it: the plan (a tree, or
 * one JSON document with the app's config and, with policy, the violations) on stdout, and the
 * policies' findings or the failure on stderr. Never rejects.
 */
export async function planOutput(
  project: ProjectFile,
  stackName: string,
  options: PlanOutputOptions = {},
): Promise<PlanOutput> {
  try {
    // The program judges the file it was given as it judges a stack file (plaintext secrets).
    if (options.configFile) process.env[CONFIG_FILE_VARIABLE] = resolve(options.configFile);
    else delete process.env[CONFIG_FILE_VARIABLE];
    const runtimeConfig = readStackFile(options.configFile ?? stackFilePath(project, stackName));
    const plan = await planStack({ project: project.name, stack: stackName, runtimeConfig });
    const violations = options.policy ? evaluatePolicies(plan.registrations, readPolicyConfig(stackName)) : [];
    let stdout: string;
    if (options.json) {
      const { stack, platform, resources, outputs } = plan;
      const policyViolations = violations.map(({ policy, enforcementLevel, resource, message }) => ({
        policy,
        level: enforcementLevel,
        ...(resource ? { resource } : {}),
        message,
      }));
      // The app's block, as a preview document has it, for the report's rollout plan.
      const config = { "skyport:app": runtimeConfig.config["skyport:app"] };
      const document = { stack, platform, config, resources, outputs, ...(options.policy ? { policyViolations } : {}) };
      stdout = `${JSON.stringify(document, null, 2)}\n`;
    } else {
      stdout = renderPlan(plan);
    }
    if (!options.policy) return { status: 0, stdout, stderr: "" };
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const stderr = [
      ...violations.map((v) => `[${v.enforcementLevel}] ${v.policy}: ${v.message}\n`),
      `policies: ${violations.length} violation(s), ${mandatory} mandatory\n`,
    ].join("");
    return { status: mandatory > 0 ? 1 : 0, stdout, stderr };
  } catch (err) {
    return { status: 1, stdout: "", stderr: `${describePlanFailure(err)}\n` };
  }
}
