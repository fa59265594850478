import { defineCommand, runWhenMain, UsageError } from "../lib/cli/command";
import { repositoryOf } from "../lib/github/environment";
import { createGitHub } from "../lib/github/octokit";
import { diagnose, type Finding } from "../lib/pipeline/doctor";
import { readRepositorySettings } from "../lib/pipeline/repositorySettings";
import { readProjectFile, readStackFile, stackFilePath } from "../lib/plan/stackFile";
import { readStackCatalog } from "../lib/stacks/stackCatalog";

const MARK: Record<Finding["level"], string> = { unsafe: "✗ unsafe", missing: "! missing", warning: "~ warning" };

export const pipelineDoctorCommand = defineCommand({
  name: "pipeline-doctor",
  usage: "--repo <owner>/<name>",
  description: `
Reads the repository's settings through GitHub's API and reports, per deployed stack, what the
pipeline needs and does not find (environments, the secrets and variables each job names) and
what is unsafe (an environment any branch can use where only main should, no required reviewers
on a stack that asks for approval, a deploy credential where previews run or at the repository
level, the status skyport / preview not required). It changes nothing. Needs GITHUB_TOKEN, a
token of a repository admin (it reads environments' secrets' names, never their values); set
GITHUB_API_URL for GitHub Enterprise Server. Exit 0 when nothing is unsafe, 1 when something is,
2 on a usage error.`,
  options: { repo: { type: "string" } },
  required: ["repo"],
  run: async ({ values }) => {
    const token = process.env.GITHUB_TOKEN;
    if (!token) throw new UsageError("GITHUB_TOKEN is not set (a repository admin's token: gh auth token)");
    let repository;
    try {
      repository = repositoryOf(values.repo ?? "");
    } catch {
      throw new UsageError(`--repo: "${values.repo}" is not <owner>/<name>`);
    }
    const github = createGitHub(token, { baseUrl: process.env.GITHUB_API_URL });
    const catalog = readStackCatalog();
    const project = readProjectFile();
    const platforms = Object.fromEntries(
      catalog.deployed.map((stack) => [stack, readStackFile(stackFilePath(project, stack)).config["skyport:platform"]]),
    );
    const findings = diagnose(await readRepositorySettings(github, repository), catalog, platforms);
    for (const stack of [undefined, ...catalog.deployed]) {
      const own = findings.filter((finding) => finding.stack === stack);
      process.stdout.write(`${stack ?? `repository ${values.repo}`}: ${own.length === 0 ? "✓ ready" : ""}\n`);
      for (const finding of own) process.stdout.write(`  ${MARK[finding.level]}: ${finding.message}\n`);
    }
    const unsafe = findings.filter((finding) => finding.level === "unsafe").length;
    process.stdout.write(`${unsafe} unsafe, ${findings.length - unsafe} other finding(s)\n`);
    return unsafe > 0 ? 1 : 0;
  },
});

runWhenMain(module, pipelineDoctorCommand);
