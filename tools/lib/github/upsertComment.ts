import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/**
 * Keeps ONE comment on a pull request: finds the earlier one by its hidden marker, searching
 * every page of comments, and edits it; creates it the first time.
 */
export async function upsertComment(
  github: GitHub,
  repository: Repository,
  pullRequest: number,
  body: string,
  marker: string,
): Promise<{ action: "created" | "updated"; id: number }> {
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...repository,
    issue_number: pullRequest,
    per_page: 100,
  });
  const existing = comments.find((comment) => comment.body?.includes(marker));
  if (existing) {
    await github.rest.issues.updateComment({ ...repository, comment_id: existing.id, body });
    return { action: "updated", id: existing.id };
  }
  const { data } = await github.rest.issues.createComment({ ...repository, issue_number: pullRequest, body });
  return { action: "created", id: data.id };
}
