import { fenced } from "../previewComment/renderComment";
import type { GitHubClient } from "./githubClient";

interface Issue {
  number: number;
  body?: string;
  pull_request?: unknown;
}

/** Label on every drift issue. */
export const DRIFT_LABEL = "drift";

/** Hidden marker of one stack's drift issue. */
export function driftMarker(stack: string): string {
  return `<!-- skyport-drift:${stack} -->`;
}

/**
 * One issue per drifted stack: opened when drift appears, updated while it stays, and closed
 * when it is gone.
 */
export async function syncDriftIssue(
  github: GitHubClient,
  repository: string,
  stack: string,
  drift: { drifted: boolean; details: string; runUrl?: string },
): Promise<{ action: "opened" | "updated" | "closed" | "none"; number?: number }> {
  const marker = driftMarker(stack);
  const open = await github.paginate<Issue>(`/repos/${repository}/issues?state=open&labels=${DRIFT_LABEL}`);
  const existing = open.find((issue) => !issue.pull_request && issue.body?.includes(marker));
  if (!drift.drifted) {
    if (!existing) return { action: "none" };
    await github.request("POST", `/repos/${repository}/issues/${existing.number}/comments`, {
      body: `No drift in \`${stack}\` any more${drift.runUrl ? ` ([run](${drift.runUrl}))` : ""}; closing.`,
    });
    await github.request("PATCH", `/repos/${repository}/issues/${existing.number}`, {
      state: "closed",
      state_reason: "completed",
    });
    return { action: "closed", number: existing.number };
  }
  const body = [
    marker,
    `\`pulumi preview --expect-no-changes\` found changes in stack \`${stack}\`: the cloud no longer matches the program.`,
    "",
    drift.runUrl ? `Latest check: [run](${drift.runUrl})` : "",
    "",
    fenced(drift.details, 60_000),
  ].join("\n");
  if (existing) {
    await github.request("PATCH", `/repos/${repository}/issues/${existing.number}`, { body });
    return { action: "updated", number: existing.number };
  }
  const created = await github.request<Issue>("POST", `/repos/${repository}/issues`, {
    title: `Drift detected in stack ${stack}`,
    body,
    labels: [DRIFT_LABEL],
  });
  return { action: "opened", number: created.number };
}
