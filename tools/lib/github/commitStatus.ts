import type { BlockedStack } from "../report/verdict";
import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/** The commit status a branch protection rule requires, for forks and same-repository pull requests alike. */
export const PREVIEW_STATUS_CONTEXT = "skyport / preview";

/** GitHub's limit on a status's description. */
const DESCRIPTION_LIMIT = 140;

/**
 * Sets the pull request's required status on the commit its previews are of: success when no
 * stack is blocked, failure naming the blocked stacks otherwise, linking to the run.
 */
export async function setPreviewStatus(
  github: GitHub,
  repository: Repository,
  sha: string,
  outcome: { stacks: number; blocked: BlockedStack[]; targetUrl?: string },
): Promise<void> {
  const { blocked } = outcome;
  const description =
    blocked.length === 0
      ? `all ${outcome.stacks} stack preview(s) passed`
      : `${blocked.length} of ${outcome.stacks} failed: ${blocked.map((b) => b.stack).join(", ")}`;
  await github.rest.repos.createCommitStatus({
    ...repository,
    sha,
    state: blocked.length === 0 ? "success" : "failure",
    context: PREVIEW_STATUS_CONTEXT,
    description:
      description.length > DESCRIPTION_LIMIT ? `${description.slice(0, DESCRIPTION_LIMIT - 1)}…` : description,
    ...(outcome.targetUrl ? { target_url: outcome.targetUrl } : {}),
  });
}
