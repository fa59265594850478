import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/** One kind of issue the pipeline keeps per stack: its label and how its marker and title read. */
export interface StackIssueKind {
  /** The label every issue of the kind carries. */
  label: string;
  /** The hidden marker that finds a stack's issue again. */
  marker: (stack: string) => string;
  /** The issue's title. */
  title: (stack: string) => string;
}

/**
 * One open issue per stack and kind (drift, a failed rollback): updated with the new body when it
 * is open, opened otherwise; found by its marker among the kind's open issues, every page.
 */
export async function openOrUpdateStackIssue(
  github: GitHub,
  repository: Repository,
  kind: StackIssueKind,
  stack: string,
  body: string,
): Promise<{ action: "opened" | "updated"; number: number }> {
  const existing = await findStackIssue(github, repository, kind, stack);
  if (existing) {
    await github.rest.issues.update({ ...repository, issue_number: existing, body });
    return { action: "updated", number: existing };
  }
  const { data } = await github.rest.issues.create({
    ...repository,
    title: kind.title(stack),
    body,
    labels: [kind.label],
  });
  return { action: "opened", number: data.number };
}

/** The number of the stack's open issue of the kind, when there is one. */
export async function findStackIssue(
  github: GitHub,
  repository: Repository,
  kind: StackIssueKind,
  stack: string,
): Promise<number | undefined> {
  const open = await github.paginate(github.rest.issues.listForRepo, {
    ...repository,
    state: "open",
    labels: kind.label,
    per_page: 100,
  });
  return open.find((issue) => !issue.pull_request && issue.body?.includes(kind.marker(stack)))?.number;
}
