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
