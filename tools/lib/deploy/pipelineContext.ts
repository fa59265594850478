import { resolve } from "node:path";
import { githubDeploymentHistory } from "../github/deploymentHistory";
import { githubFromEnvironment } from "../github/environment";
import { reportFailedRollback } from "../github/rollbackIssue";
import { readStackCatalog } from "../stacks/stackCatalog";
import type { DeployOptions } from "./deployStack";
import { ghAttestations } from "./provenance";
import { releaseGate } from "./releaseGate";
import { githubCompare, gitCompare } from "./releaseOrder";

/** What the deploy CLIs are told of where images come from. */
export interface ProvenanceArgs {
  /** The image repository the pipeline pushes to. */
  imageRepository: string;
  /** Whether the pipeline attests its builds. */
  attestations: boolean;
  /** The project folder. Default the current folder. */
  projectDir?: string;
}

/**
 * The gate, the deploy history and the failed-rollback report of a deploy, from the job's
 * environment: with GITHUB_TOKEN (as in the pipeline), commits are compared by GitHub, every
 * deploy is a GitHub deployment, and a failed rollback opens or updates the stack's issue;
 * without it (a person at a terminal), commits are compared by git in the clone, and there is
 * no history and no issue.
 */
export function pipelineContext(
  stack: string,
  args: ProvenanceArgs,
  env: NodeJS.ProcessEnv = process.env,
): Pick<DeployOptions, "gate" | "history" | "onRollbackFailed"> {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const policy = { repository, imageRepository: args.imageRepository, attestations: args.attestations };
  if (!env.GITHUB_TOKEN) {
    return { gate: releaseGate(gitCompare(resolve(args.projectDir ?? ".")), policy, ghAttestations) };
  }
  const { github, repository: repo, runUrl } = githubFromEnvironment(env);
  const { chain } = readStackCatalog(args.projectDir);
  return {
    gate: releaseGate(githubCompare(github, repo), policy, ghAttestations),
    history: githubDeploymentHistory(github, repo, { stack, logUrl: runUrl, production: chain.at(-1) === stack }),
    onRollbackFailed: async (failure) => {
      const issue = await reportFailedRollback(github, repo, failure, runUrl);
      process.stderr.write(`${stack}: deploy-failure issue ${issue.action}: #${issue.number}\n`);
    },
  };
}
