import { readStackPreview, type StackPreview } from "../report/previewDocument";

/**
 * The Pulumi CLI's exit status when `--expect-no-changes` finds changes (its documented exit
 * codes, since 3.226.1). Any other failing status is an error, not drift.
 */
export const CHANGES_FOUND_EXIT = 7;

/** What a drift check's `pulumi preview --refresh --expect-no-changes` found. */
export type DriftVerdict =
  | { kind: "in-sync"; preview: StackPreview }
  | { kind: "drifted"; preview: StackPreview; changed: number }
  | { kind: "failed"; preview: StackPreview; reason: string };

/** Resources the document's `changeSummary` counts as changing: everything but `same`. */
export function changedCount(document: string | undefined): number | undefined {
  try {
    const { changeSummary } = JSON.parse(document ?? "") as { changeSummary?: Record<string, number> };
    if (!changeSummary) return undefined;
    return Object.entries(changeSummary)
      .filter(([op]) => op !== "same")
      .reduce((sum, [, n]) => sum + n, 0);
  } catch {
    return undefined;
  }
}

/**
 * Drift is the CLI's "changes found" status with a change summary that counts changes and no
 * error reported; a clean exit is in sync; anything else (a lock, expired credentials, a
 * broken program, a refused policy) is a failure, whatever the document says.
 */
export function classifyDrift(
  stack: string,
  run: { exitCode: number; document?: string; eventLog?: string; stderr?: string },
): DriftVerdict {
  const preview = readStackPreview(stack, run.document, "unknown", run.eventLog ?? "");
  const changed = changedCount(run.document);
  if (preview.kind !== "failed") {
    if (run.exitCode === 0 && changed === 0) return { kind: "in-sync", preview };
    if (run.exitCode === CHANGES_FOUND_EXIT && changed !== undefined && changed > 0) {
      return { kind: "drifted", preview, changed };
    }
  }
  const stderrTail = (run.stderr ?? "").trim().split("\n").slice(-5).join("\n");
  const reason = [
    preview.kind === "failed" ? preview.error : undefined,
    `pulumi preview exited ${run.exitCode}`,
    stderrTail,
  ]
    .filter(Boolean)
    .join("\n");
  return { kind: "failed", preview, reason };
}
