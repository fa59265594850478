import { errorAnnotation } from "../github/annotation";
import type { StackPreview } from "./previewDocument";

/** Why one stack's preview blocks the merge. */
export interface BlockedStack {
  stack: string;
  /** The preview's error, and the mandatory policies it broke. */
  reason: string;
}

/**
 * The stacks whose preview failed: it reported an error or broke a mandatory policy. A fork's
 * offline plan (`npm run plan -- --json --policy`) blocks the same way when it broke one.
 */
export function blockedStacks(previews: StackPreview[]): BlockedStack[] {
  return previews
    .filter((preview) => preview.kind === "failed")
    .map((preview) => {
      const policies = [...new Set(preview.violations.filter((v) => v.level === "mandatory").map((v) => v.policy))];
      const error = (preview.error ?? "the preview failed").split("\n")[0];
      return { stack: preview.stack, reason: policies.length > 0 ? `${error}: ${policies.join(", ")}` : error };
    });
}

/**
 * Prints the verdict for GitHub Actions: an error annotation per blocked stack, then one line.
 * Returns the exit status of the required check: 1 when any stack is blocked.
 */
export function printVerdict(previews: StackPreview[], write = (text: string) => process.stdout.write(text)): number {
  const blocked = blockedStacks(previews);
  for (const { stack, reason } of blocked) write(`${errorAnnotation(`Preview of ${stack} failed`, reason)}\n`);
  write(
    blocked.length > 0
      ? `${blocked.length} of ${previews.length} stack preview(s) failed; see the PR comment\n`
      : `all ${previews.length} stack preview(s) passed\n`,
  );
  return blocked.length > 0 ? 1 : 0;
}
