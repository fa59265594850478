import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/** The login GitHub gives comments made with a workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = "github-actions[bot]";

/** Who may own the comment, and which commit the body is about. */
export interface UpsertOptions {
  /** The commit the body describes; nothing is posted unless it is still the pull request's head. Default: not checked. */
  headSha?: string;
  /** The only author whose comment is edited. Default ACTIONS_BOT. */
  author?: string;
}

/** What happened: created or updated, or left alone because a newer commit is the head. */
export type UpsertResult = { action: "created" | "updated"; id: number } | { action: "superseded"; head: string };

/**
 * Keeps ONE comment on a pull request: the earlier one is the pipeline's own (its author,
 * ACTIONS_BOT by default, and its body starting with the hidden marker), searched on every page
 * of comments, and is edited; it is created the first time. A comment by anyone else that holds
 * the marker is never touched. With `headSha`, a run whose commit is no longer the pull
 * request's head posts nothing and says which commit superseded it.
 */
export async function upsertComment(
  github: GitHub,
  repository: Repository,
  pullRequest: number,
  body: string,
  marker: string,
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  if (options.headSha) {
    const { data: pull } = await github.rest.pulls.get({ ...repository, pull_number: pullRequest });
    if (pull.head.sha !== options.headSha) return { action: "superseded", head: pull.head.sha };
  }
  const author = options.author ?? ACTIONS_BOT;
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...repository,
    issue_number: pullRequest,
    per_page: 100,
  });
  const existing = comments.find((comment) => comment.user?.login === author && comment.body?.startsWith(marker));
  if (existing) {
    await github.rest.issues.updateComment({ ...repository, comment_id: existing.id, body });
    return { action: "updated", id: existing.id };
  }
  const { data } = await github.rest.issues.createComment({ ...repository, issue_number: pullRequest, body });
  return { action: "created", id: data.id };
}
