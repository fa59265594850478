import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/**
 * Comments on the pull request(s) whose merge made this commit, and returns their numbers; none
 * for a commit pushed straight to the branch.
 */
export async function commentOnMergedPullRequests(
  github: GitHub,
  repository: Repository,
  commit: string,
  body: string,
): Promise<number[]> {
  const pulls = await github.paginate(github.rest.repos.listPullRequestsAssociatedWithCommit, {
    ...repository,
    commit_sha: commit,
    per_page: 100,
  });
  const merged = pulls.filter((pull) => pull.merged_at && pull.merge_commit_sha === commit).map((pull) => pull.number);
  for (const number of merged) {
    await github.rest.issues.createComment({ ...repository, issue_number: number, body });
  }
  return merged;
}
