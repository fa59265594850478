import { appendFileSync } from "node:fs";
import { runMain } from "../lib/cli/cliMain";
import { errorAnnotation } from "../lib/github/annotation";
import { githubFromEnvironment, runUrlFromEnvironment } from "../lib/github/environment";
import { commentOnMergedPullRequests } from "../lib/github/mergedPullRequests";
import { readDeployArgs } from "../lib/deploy/deployInputs";
import { planDeploy } from "../lib/deploy/planDeploy";

const USAGE =
  "usage: npm run deploy-plan -- --stack <name> --image <ref>@sha256:<digest> --plan-file <plan.json> [--out previews] [--commit <sha>]";

/**
 * `npm run deploy-plan`: previews the stack with the new image and saves the plan for approval.
 * The report goes to the job summary ($GITHUB_STEP_SUMMARY, or stdout) and, with GITHUB_TOKEN
 * and --commit, as a comment on the pull request that merged the commit. Exit 1, with the reason,
 * when the preview failed or broke a mandatory policy.
 */
async function main(argv: string[]): Promise<number> {
  const args = readDeployArgs(argv, USAGE, { out: { type: "string", default: "previews" } }, true);
  if (typeof args === "number") return args;
  const { stack, image, commit } = args;
  const planFile = args.planFile ?? "";
  const plan = await planDeploy({
    stack,
    image,
    planFile,
    outDir: args.own.out ?? "previews",
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
}

runMain(() => main(process.argv.slice(2)));
