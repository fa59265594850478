import { appendFileSync } from "node:fs";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { checkDeployInputs } from "../lib/deploy/deployInputs";
import { planDeploy } from "../lib/deploy/planDeploy";
import { errorAnnotation } from "../lib/github/annotation";
import { githubFromEnvironment, runUrlFromEnvironment } from "../lib/github/environment";
import { commentOnMergedPullRequests } from "../lib/github/mergedPullRequests";

export const deployPlanCommand = defineCommand({
  name: "deploy-plan",
  usage: "--stack <name> --image <ref>@sha256:<digest> --plan-file <plan.json> [--out previews] [--commit <sha>]",
  description: `
Previews the stack with the new image and saves the plan for approval. The report goes to the
job summary ($GITHUB_STEP_SUMMARY, or stdout) and, with GITHUB_TOKEN and --commit, as a comment
on the pull request that merged the commit. Exit 0 when there is a plan to approve; 1, with the
reason, when the preview failed or broke a mandatory policy; 2 on a usage error.`,
  options: {
    stack: { type: "string" },
    image: { type: "string" },
    commit: { type: "string" },
    "plan-file": { type: "string" },
    out: { type: "string", default: "previews" },
  },
  required: ["stack", "image", "plan-file"],
  run: async ({ values }) => {
    const stack = values.stack ?? "";
    const image = values.image ?? "";
    const commit = values.commit || undefined;
    checkDeployInputs(stack, image);
    const plan = await planDeploy({
      stack,
      image,
      planFile: values["plan-file"] ?? "",
      outDir: values.out ?? "previews",
      commit,
      runUrl: runUrlFromEnvironment(),
    });
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${plan.report}\n`);
    else process.stdout.write(`${plan.report}\n`);
    if (process.env.GITHUB_TOKEN && commit) {
      const { github, repository } = githubFromEnvironment();
      const commented = await commentOnMergedPullRequests(github, repository, commit, plan.report);
      process.stderr.write(
        `plan for ${stack} posted on ${commented.map((n) => `#${n}`).join(", ") || "no pull request"}\n`,
      );
    }
    if (plan.ok) return 0;
    process.stdout.write(`${errorAnnotation(`${stack} plan failed`, plan.preview.error ?? "the preview failed")}\n`);
    return 1;
  },
});

runWhenMain(module, deployPlanCommand);
