import { renderReport } from "../report/renderComment";
import type { StackPreview } from "../report/previewDocument";
import type { Repository } from "./environment";
import type { GitHub } from "./octokit";
import { findStackIssue, openOrUpdateStackIssue, type StackIssueKind } from "./stackIssue";

/** Label on every drift issue. */
export const DRIFT_LABEL = "drift";

/** Hidden marker of one stack's drift issue. */
export function driftMarker(stack: string): string {
  return `<!-- skyport-drift:${stack} -->`;
}

/** The drift issue's body: the same report as the PR comment, under the stack's marker. */
export function driftIssueBody(preview: StackPreview, runUrl?: string): string {
  return renderReport([preview], {
    marker: driftMarker(preview.stack),
    title: `Drift in \`${preview.stack}\``,
    intro: `\`pulumi preview --refresh --expect-no-changes\` found changes in stack \`${preview.stack}\`: the cloud no longer matches the program. \`pulumi up\` puts it back; changing the program keeps what the cloud has.`,
    runUrl,
  });
}

/** The drift check's issues: one per drifted stack. */
export const DRIFT_ISSUES: StackIssueKind = {
  label: DRIFT_LABEL,
  marker: driftMarker,
  title: (stack) => `Drift detected in stack ${stack}`,
};

/**
 * One issue per drifted stack: opened when drift appears, updated while it stays, and closed
 * when it is gone. `preview` is the drift check's preview when it found drift.
 */
export async function syncDriftIssue(
  github: GitHub,
  repository: Repository,
  stack: string,
  drift: { preview?: StackPreview; runUrl?: string },
): Promise<{ action: "opened" | "updated" | "closed" | "none"; number?: number }> {
  if (drift.preview) {
    return openOrUpdateStackIssue(github, repository, DRIFT_ISSUES, stack, driftIssueBody(drift.preview, drift.runUrl));
  }
  const existing = await findStackIssue(github, repository, DRIFT_ISSUES, stack);
  if (!existing) return { action: "none" };
  await github.rest.issues.createComment({
    ...repository,
    issue_number: existing,
    body: `No drift in \`${stack}\` any more${drift.runUrl ? ` ([run](${drift.runUrl}))` : ""}; closing.`,
  });
  await github.rest.issues.update({
    ...repository,
    issue_number: existing,
    state: "closed",
    state_reason: "completed",
  });
  return { action: "closed", number: existing };
}
