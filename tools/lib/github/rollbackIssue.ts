import type { RollbackFailure } from "../deploy/deployStack";
import type { Repository } from "./environment";
import type { GitHub } from "./octokit";
import { openOrUpdateStackIssue, type StackIssueKind } from "./stackIssue";

/** The issues of failed rollbacks: one per stack, open until someone closes it. */
export const ROLLBACK_ISSUES: StackIssueKind = {
  label: "deploy-failure",
  marker: (stack) => `<!-- skyport-rollback-failed:${stack} -->`,
  title: (stack) => `Deploy and rollback failed in stack ${stack}`,
};

/** The issue's body: both failures, what the stack is left with, the run, and what to do. */
export function rollbackIssueBody(failure: RollbackFailure, runUrl?: string): string {
  return [
    ROLLBACK_ISSUES.marker(failure.stack),
    `## Deploy and rollback failed in \`${failure.stack}\``,
    "",
    `The deploy of \`${failure.release.commit}\` (\`${failure.release.image}\`) failed:`,
    "",
    "```text",
    failure.failure.replace(/```/g, "ʼʼʼ"),
    "```",
    "",
    `The rollback to the last good release, \`${failure.good.commit}\` (\`${failure.good.image}\`), failed too:`,
    "",
    "```text",
    failure.rollbackFailure.replace(/```/g, "ʼʼʼ"),
    "```",
    "",
    `**What the stack is left with:** ${failure.leftWith}.`,
    "",
    `Fix it by hand or with a new commit, then deploy again; deploy an earlier release with the dispatch workflow's \`rollback\` input.${runUrl ? ` [The run](${runUrl}).` : ""}`,
  ].join("\n");
}

/** Opens the stack's issue, or updates the open one, after a failed rollback. */
export async function reportFailedRollback(
  github: GitHub,
  repository: Repository,
  failure: RollbackFailure,
  runUrl?: string,
): Promise<{ action: "opened" | "updated"; number: number }> {
  return openOrUpdateStackIssue(github, repository, ROLLBACK_ISSUES, failure.stack, rollbackIssueBody(failure, runUrl));
}
