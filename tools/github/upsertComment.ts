import type { GitHubClient } from "./githubClient";

interface IssueComment {
  id: number;
  body?: string;
}

/**
 * Keeps ONE comment on a pull request: finds the earlier one by its hidden marker, searching
 * every page of comments, and edits it; creates it the first time.
 */
export async function upsertComment(
  github: GitHubClient,
  repository: string,
  pullRequest: number,
  body: string,
  marker: string,
): Promise<{ action: "created" | "updated"; id: number }> {
  const comments = await github.paginate<IssueComment>(`/repos/${repository}/issues/${pullRequest}/comments`);
  const existing = comments.find((comment) => comment.body?.includes(marker));
  if (existing) {
    await github.request("PATCH", `/repos/${repository}/issues/comments/${existing.id}`, { body });
    return { action: "updated", id: existing.id };
  }
  const created = await github.request<IssueComment>("POST", `/repos/${repository}/issues/${pullRequest}/comments`, {
    body,
  });
  return { action: "created", id: created.id };
}
