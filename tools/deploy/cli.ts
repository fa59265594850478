import { appendFileSync } from "node:fs";
import { defineCommand, runWhenMain, UsageError } from "../lib/cli/command";
import { RELEASE_OPTIONS, RELEASE_USAGE, releaseArgs } from "../lib/deploy/deployArgs";
import { deployStack, type DeployOutcome, type WalkedStep } from "../lib/deploy/deployStack";
import { pipelineContext } from "../lib/deploy/pipelineContext";
import { errorAnnotation } from "../lib/github/annotation";
import { cell } from "../lib/report/markdown";

/** What the job's log says of each outcome, and its exit status. */
function report(stack: string, outcome: DeployOutcome): { line: string; status: number } {
  switch (outcome.kind) {
    case "deployed":
      return {
        line: `${stack}: ${outcome.release.image} (${outcome.release.commit}) is live at ${outcome.url} and passed its smoke test; ${outcome.provenance}`,
        status: 0,
      };
    case "superseded":
      return {
        line: `::notice title=${stack} superseded::${stack} already runs ${outcome.deployed}, newer than this commit: nothing to deploy`,
        status: 0,
      };
    case "rolled-back":
      return {
        line: errorAnnotation(
          `${stack} rolled back`,
          `${outcome.failed.commit} (${outcome.failed.image}) failed: ${outcome.reason}; the last good release, ${outcome.release.commit} (${outcome.release.image}), is live again at ${outcome.url}`,
        ),
        status: 1,
      };
    case "refused":
      return { line: errorAnnotation(`${stack} deploy refused`, outcome.reason), status: 1 };
    case "failed":
      return { line: errorAnnotation(`${stack} deploy failed`, outcome.reason), status: 1 };
  }
}

/** The walked rollout's steps as a Markdown table for the job's summary; empty when it deployed whole. */
export function stepsSummary(stack: string, steps: readonly WalkedStep[]): string {
  if (steps.length === 0) return "";
  const rows = steps.map(
    (step) => `| ${cell(step.label)} | ${step.passed ? "passed" : "failed"} | ${cell(step.detail)} |`,
  );
  return [`### Rollout of ${stack}`, "", "| Step | Result | Detail |", "| --- | --- | --- |", ...rows, ""].join("\n");
}

export const deployCommand = defineCommand({
  name: "deploy",
  usage: `${RELEASE_USAGE} [--plan-file <plan.json>] [--smoke-timeout-seconds 300]`,
  description: `
Deploys a release (a commit and its image, by digest) to a stack: the saved plan when given,
then the smoke test. Before anything is applied, a stack with pending operations is refused with
the steps that recover it, the commit must descend from the one the stack runs (an older one is
superseded, unless --rollback), and the image must be this repository's build of the commit: its
build provenance verified with gh attestation verify, or, with --attestations off, at least an
image of --image-repository (default ghcr.io/<owner>/<name>-app,
from GITHUB_REPOSITORY). A canary or blue/green rollout walks its steps first, each step
printed and smoke-tested at the stack's candidateUrl, then held healthy for bakeMinutes; the
steps go to $GITHUB_STEP_SUMMARY when set. A failed up, smoke test or step rolls back whole, to
the last good release's program, config and image. With GITHUB_TOKEN, each deploy is a GitHub deployment and
a failed rollback opens an issue for the stack. Exit 0 when the release is live and passed, or
was superseded; 1 on a refusal, a failure or a rollback; 2 on a usage error. The URL goes to
$GITHUB_OUTPUT (url) when set.`,
  options: {
    ...RELEASE_OPTIONS,
    "plan-file": { type: "string" },
    "smoke-timeout-seconds": { type: "string", default: "300" },
  },
  required: ["stack", "image", "commit"],
  run: async ({ values }) => {
    const smokeSeconds = Number(values["smoke-timeout-seconds"]);
    if (!(smokeSeconds > 0)) {
      throw new UsageError(`--smoke-timeout-seconds: ${values["smoke-timeout-seconds"]} is not a positive number`);
    }
    const { stack, release, provenance, rollback } = releaseArgs(values);
    const outcome = await deployStack({
      stack,
      release,
      planFile: values["plan-file"],
      rollback,
      smoke: { timeoutMs: smokeSeconds * 1000 },
      ...pipelineContext(stack, provenance),
    });
    if ((outcome.kind === "deployed" || outcome.kind === "rolled-back") && process.env.GITHUB_OUTPUT) {
      appendFileSync(process.env.GITHUB_OUTPUT, `url=${outcome.url}\n`);
    }
    const steps = outcome.kind === "deployed" || outcome.kind === "rolled-back" ? outcome.steps : [];
    if (steps.length > 0 && process.env.GITHUB_STEP_SUMMARY) {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, stepsSummary(stack, steps));
    }
    const { line, status } = report(stack, outcome);
    process.stdout.write(`${line}\n`);
    return status;
  },
});

runWhenMain(module, deployCommand);
