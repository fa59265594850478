import { resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_FILE_VARIABLE } from "../../components/config/plaintextSecrets";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { evaluatePolicies, readPolicyConfig } from "../lib/plan/evaluatePolicies";
import { planStack } from "../lib/plan/planStack";
import { renderPlan } from "../lib/plan/renderPlan";
import { readProjectFile, readStackFile, stackFilePath } from "../lib/plan/stackFile";

export const planCommand = defineCommand({
  name: "plan",
  usage: "--stack <name> [--json] [--config-file <path>] [--policy]",
  description: `
Runs the real program offline, under Pulumi's mock runtime, with a stack's config
(stacks/Pulumi.<stack>.yaml, or --config-file) and prints what it would register: type, name,
parent and inputs, secrets as [secret]. --json prints one JSON document. --policy also runs the
policy pack on the plan with the stack's policy config. Exit 0 with the plan on stdout; 1 with
every config problem on stderr (no stack trace), or on a mandatory policy violation; 2 on a
usage error.`,
  options: {
    stack: { type: "string" },
    json: { type: "boolean" },
    "config-file": { type: "string" },
    policy: { type: "boolean" },
  },
  required: ["stack"],
  describeFailure: (err) => {
    const message = err instanceof Error ? err.message : String(err);
    return pulumi.RunError.isInstance(err) ? message : `plan failed: ${message}`;
  },
  run: async ({ values }) => {
    const stackName = values.stack ?? "";
    const project = readProjectFile();
    const configFile = values["config-file"];
    // The program judges the file it was given as it judges a stack file (plaintext secrets).
    if (configFile) process.env[CONFIG_FILE_VARIABLE] = resolve(configFile);
    const runtimeConfig = readStackFile(configFile ?? stackFilePath(project, stackName));
    const plan = await planStack({ project: project.name, stack: stackName, runtimeConfig });
    const violations = values.policy ? evaluatePolicies(plan.registrations, readPolicyConfig(stackName)) : [];
    if (values.json) {
      const { stack, platform, resources, outputs } = plan;
      const policyViolations = violations.map(({ policy, enforcementLevel, resource, message }) => ({
        policy,
        level: enforcementLevel,
        ...(resource ? { resource } : {}),
        message,
      }));
      // The app's block, as a preview document has it, for the report's rollout plan.
      const config = { "skyport:app": runtimeConfig.config["skyport:app"] };
      const document = {
        stack,
        platform,
        config,
        resources,
        outputs,
        ...(values.policy ? { policyViolations } : {}),
      };
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      process.stdout.write(renderPlan(plan));
    }
    if (!values.policy) return 0;
    for (const v of violations) {
      process.stderr.write(`[${v.enforcementLevel}] ${v.policy}: ${v.message}\n`);
    }
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    process.stderr.write(`policies: ${violations.length} violation(s), ${mandatory} mandatory\n`);
    return mandatory > 0 ? 1 : 0;
  },
});

runWhenMain(module, planCommand);
