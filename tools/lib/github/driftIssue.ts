import { renderReport } from "../report/renderComment";
import type { StackPreview } from "../report/previewDocument";
import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

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
  const marker = driftMarker(stack);
  const open = await github.paginate(github.rest.issues.listForRepo, {
    ...repository,
    state: "open",
    labels: DRIFT_LABEL,
    per_page: 100,
  });
  const existing = open.find((issue) => !issue.pull_request && issue.body?.includes(marker));
  if (!drift.preview) {
    if (!existing) return { action: "none" };
    await github.rest.issues.createComment({
      ...repository,
      issue_number: existing.number,
      body: `No drift in \`${stack}\` any more${drift.runUrl ? ` ([run](${drift.runUrl}))` : ""}; closing.`,
    });
    await github.rest.issues.update({
      ...repository,
      issue_number: existing.number,
      state: "closed",
      state_reason: "completed",
    });
    return { action: "closed", number: existing.number };
  }
  const body = driftIssueBody(drift.preview, drift.runUrl);
  if (existing) {
    await github.rest.issues.update({ ...repository, issue_number: existing.number, body });
    return { action: "updated", number: existing.number };
  }
  const { data } = await github.rest.issues.create({
    ...repository,
    title: `Drift detected in stack ${stack}`,
    body,
    labels: [DRIFT_LABEL],
  });
  return { action: "opened", number: data.number };
}
