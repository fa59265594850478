import type { Release } from "../deploy/stackState";
import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/**
 * The stack's deploy history as GitHub deployments of its environment, so the repository's
 * Deployments page shows what each stack runs and when it changed. Each deploy is a deployment of
 * its commit (the image in its payload) that goes in_progress, then success (with the app's URL
 * and the run's log) or failure; a rollback is a deployment of the release it went back to.
 */
export interface DeploymentHistory {
  /** A deployment of the release, in progress; resolves with its id. */
  start(release: Release, description: string): Promise<number>;
  /** The deployment succeeded; every earlier successful deployment of the stack becomes inactive. */
  succeed(id: number, url: string, description: string): Promise<void>;
  /** The deployment failed. */
  fail(id: number, description: string): Promise<void>;
}

/** Where the deployments go and what they link to. */
export interface HistoryContext {
  /** The stack, the deployments' environment. */
  stack: string;
  /** The workflow run, each status's log link. */
  logUrl?: string;
  /** GitHub's production_environment flag: the last stage of the promotion chain. */
  production: boolean;
}

/** A DeploymentHistory through GitHub's REST API. */
export function githubDeploymentHistory(
  github: GitHub,
  repository: Repository,
  context: HistoryContext,
): DeploymentHistory {
  const status = (id: number, state: "in_progress" | "success" | "failure" | "inactive", fields: object = {}) =>
    github.rest.repos.createDeploymentStatus({
      ...repository,
      deployment_id: id,
      state,
      ...(context.logUrl ? { log_url: context.logUrl } : {}),
      auto_inactive: false,
      ...fields,
    });
  return {
    async start(release, description) {
      const { data } = await github.rest.repos.createDeployment({
        ...repository,
        ref: release.commit,
        environment: context.stack,
        task: "deploy",
        auto_merge: false,
        required_contexts: [],
        payload: { image: release.image, stack: context.stack },
        description: description.slice(0, 140),
        production_environment: context.production,
        transient_environment: false,
      });
      if (!("id" in data))
        throw new Error(`GitHub did not create the deployment of ${release.commit}: ${data.message ?? ""}`);
      await status(data.id, "in_progress", { description: description.slice(0, 140) });
      return data.id;
    },
    async succeed(id, url, description) {
      await status(id, "success", { environment_url: url, description: description.slice(0, 140) });
      const earlier = await github.rest.repos.listDeployments({
        ...repository,
        environment: context.stack,
        per_page: 30,
      });
      for (const deployment of earlier.data.filter((candidate) => candidate.id !== id)) {
        const { data: statuses } = await github.rest.repos.listDeploymentStatuses({
          ...repository,
          deployment_id: deployment.id,
          per_page: 1,
        });
        if (statuses[0]?.state === "success") await status(deployment.id, "inactive");
      }
    },
    async fail(id, description) {
      await status(id, "failure", { description: description.slice(0, 140) });
    },
  };
}
