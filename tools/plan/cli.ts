import { parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { runMain, usageError } from "../lib/cli/cliMain";
import { evaluatePolicies, readPolicyConfig } from "../lib/plan/evaluatePolicies";
import { planStack } from "../lib/plan/planStack";
import { renderPlan } from "../lib/plan/renderPlan";
import { readProjectFile, readStackFile, stackFilePath } from "../lib/plan/stackFile";

const USAGE = "usage: npm run plan -- --stack <name> [--json] [--config-file <path>] [--policy]";

/**
 * `npm run plan`: runs the real program offline with a stack's config and prints what it
 * would register. Exit 0 with the plan on stdout; exit 1 with a message on stderr (no stack
 * trace, no JSON) when the config is bad; exit 2 on a usage error. With --policy, the policy
 * pack also runs on the plan with the stack's policy config; a mandatory violation exits 1.
 */
async function main(argv: string[]): Promise<number> {
  let values: { stack?: string; json?: boolean; "config-file"?: string; policy?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        json: { type: "boolean" },
        "config-file": { type: "string" },
        policy: { type: "boolean" },
      },
    }));
  } catch (err) {
    return usageError(err, USAGE);
  }
  if (!values.stack) {
    return usageError("--stack is required", USAGE);
  }
  const project = readProjectFile();
  const runtimeConfig = readStackFile(values["config-file"] ?? stackFilePath(project, values.stack));
  const plan = await planStack({ project: project.name, stack: values.stack, runtimeConfig });
  const violations = values.policy ? evaluatePolicies(plan.registrations, readPolicyConfig(values.stack)) : [];
  if (values.json) {
    const { stack, platform, resources, outputs } = plan;
    const policyViolations = violations.map(({ policy, enforcementLevel, resource, message }) => ({
      policy,
      level: enforcementLevel,
      ...(resource ? { resource } : {}),
      message,
    }));
    const document = { stack, platform, resources, outputs, ...(values.policy ? { policyViolations } : {}) };
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
}

runMain(
  () => main(process.argv.slice(2)),
  (err) => {
    const message = err instanceof Error ? err.message : String(err);
    return pulumi.RunError.isInstance(err) ? message : `plan failed: ${message}`;
  },
);
