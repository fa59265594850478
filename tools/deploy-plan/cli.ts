import { appendFileSync } from "node:fs";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { RELEASE_OPTIONS, RELEASE_USAGE, releaseArgs } from "../lib/deploy/deployArgs";
import { planDeploy } from "../lib/deploy/planDeploy";
import { pipelineContext } from "../lib/deploy/pipelineContext";
import { errorAnnotation } from "../lib/github/annotation";
import { githubFromEnvironment, runUrlFromEnvironment } from "../lib/github/environment";
import { commentOnMergedPullRequests } from "../lib/github/mergedPullRequests";

export const deployPlanCommand = defineCommand({
  name: "deploy-plan",
  usage: `${RELEASE_USAGE} --plan-file <plan.json> [--out previews]`,
  description: `
Checks a release as npm run deploy will (pending operations, order, provenance), then previews
the stack with its image and saves the plan for approval. The report goes to the job summary
($GITHUB_STEP_SUMMARY, or stdout) and, with GITHUB_TOKEN, as a comment on the pull request that
merged the commit. A superseded release plans nothing and sets superseded=true in
$GITHUB_OUTPUT. Exit 0 when there is a plan to approve or nothing to do; 1, with the reason,
when the release is refused or the preview failed or broke a mandatory policy; 2 on a usage
error.`,
  options: { ...RELEASE_OPTIONS, "plan-file": { type: "string" }, out: { type: "string", default: "previews" } },
  required: ["stack", "image", "commit", "plan-file"],
  run: async ({ values }) => {
    const { stack, release, provenance, rollback } = releaseArgs(values);
    const { gate } = pipelineContext(stack, provenance);
    const outcome = await planDeploy({
      stack,
      release,
      rollback,
      gate,
      planFile: values["plan-file"] ?? "",
      outDir: values.out ?? "previews",
      runUrl: runUrlFromEnvironment(),
    });
    const output = (line: string) =>
      process.env.GITHUB_OUTPUT && appendFileSync(process.env.GITHUB_OUTPUT, `${line}\n`);
    if (outcome.kind === "superseded") {
      output("superseded=true");
      process.stdout.write(
        `::notice title=${stack} superseded::${stack} already runs ${outcome.deployed}, newer than ${release.commit}: nothing to plan\n`,
      );
      return 0;
    }
    output("superseded=false");
    if (outcome.kind === "refused") {
      process.stdout.write(`${errorAnnotation(`${stack} plan refused`, outcome.reason)}\n`);
      return 1;
    }
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${outcome.report}\n`);
    else process.stdout.write(`${outcome.report}\n`);
    if (process.env.GITHUB_TOKEN) {
      const { github, repository } = githubFromEnvironment();
      const commented = await commentOnMergedPullRequests(github, repository, release.commit, outcome.report);
      process.stderr.write(
        `plan for ${stack} posted on ${commented.map((n) => `#${n}`).join(", ") || "no pull request"}\n`,
      );
    }
    if (outcome.ok) return 0;
    process.stdout.write(`${errorAnnotation(`${stack} plan failed`, outcome.preview.error ?? "the preview failed")}\n`);
    return 1;
  },
});

runWhenMain(module, deployPlanCommand);
