import { changedWindows, displayValue, KNOWN_AFTER_APPLY, valueText } from "./displayValue";
import { engineValue, MASKED_SECRET } from "./engineValues";
import type { PolicyViolation } from "./engineEvents";
import { cell, code, fenced } from "./markdown";
import type { Change, StackPreview, UnlistedUpdate } from "./previewDocument";
import type { PropertyChange } from "./propertyDiff";

/**
 * How much of a stack's preview its section shows. A long report drops detail one level at a
 * time, from the largest section first:
 * - `properties`: every change with its properties, old → new;
 * - `resources`: every change, without its properties;
 * - `problems`: errors, policy violations and warnings, no changes;
 * - `none`: only a note that points to the run.
 */
export const DETAIL_LEVELS = ["properties", "resources", "problems", "none"] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

function changeCount(preview: StackPreview): string {
  const n = preview.changes.length;
  return `${n} change${n === 1 ? "" : "s"}`;
}

function heading(preview: StackPreview): string {
  if (preview.kind === "preview") return changeCount(preview);
  if (preview.kind === "offline-plan") return `${preview.resources.length} resources in the offline plan`;
  return preview.changes.length > 0 ? `failed, ${changeCount(preview)} proposed` : "failed";
}

function violationTable(violations: PolicyViolation[]): string[] {
  if (violations.length === 0) return [];
  return [
    "**Policy violations**",
    "",
    "| Level | Policy | Resource | Message |",
    "| --- | --- | --- | --- |",
    ...violations.map(
      (v) =>
        `| ${v.level === "mandatory" ? "❌ mandatory" : `⚠️ ${v.level}`} | ${code(v.policy)} | ${v.resource ? code(v.resource) : "stack"} | ${cell(v.message)} |`,
    ),
  ];
}

/** One value in code, or in words when it is not a value yet. */
function shown(value: unknown, text = displayValue(value)): string {
  return engineValue(value).kind === "unknown" ? `_${KNOWN_AFTER_APPLY}_` : code(text);
}

const present = (value: unknown) => value !== undefined;

/** What happened to the value: added, removed, or old → new (a long pair windowed where they differ). */
function valueChange(change: PropertyChange): string {
  if (change.elements) {
    const list = (values: unknown[]) => values.map((value) => shown(value)).join(", ");
    return [
      ...(change.elements.added.length > 0 ? [`added ${list(change.elements.added)}`] : []),
      ...(change.elements.removed.length > 0 ? [`removed ${list(change.elements.removed)}`] : []),
    ].join("; ");
  }
  const [had, has] = [change.kind !== "add" && present(change.old), change.kind !== "delete" && present(change.new)];
  if (!had && !has) return "changed (the engine shows no value)";
  if (!had) return `added ${shown(change.new)}`;
  if (!has) return `removed (was ${shown(change.old)})`;
  const [before, after] = [engineValue(change.old), engineValue(change.new)];
  const files = (["asset", "archive"] as const).find((kind) => before.kind === kind && after.kind === kind);
  if (files) return `${files} changed: ${shown(change.old)} → ${shown(change.new)}`;
  if (before.kind === "secret" && after.kind === "secret")
    return `${code(MASKED_SECRET)} → ${code(MASKED_SECRET)} (a secret)`;
  const [oldText, newText] = changedWindows(valueText(change.old), valueText(change.new));
  return `${shown(change.old, oldText)} → ${shown(change.new, newText)}`;
}

/**
 * One changed property: `path` (and inside a JSON string, › `the.path.in.it`), 🔁 when it forces
 * replacement, then what changed.
 */
export function propertyLine(change: PropertyChange): string {
  const where = change.jsonPath ? `${code(change.path)} › ${code(change.jsonPath)}` : code(change.path);
  return `${where}${change.replaces ? " 🔁" : ""}: ${valueChange(change)}`;
}

function changeCell(change: Change, level: DetailLevel): string {
  const parts: string[] = [];
  if (change.op === "replace" && change.reasons.length > 0) {
    parts.push(`replaced because of ${change.reasons.map(code).join(", ")}`);
  }
  if (level === "properties") {
    parts.push(...change.properties.map(propertyLine));
    if (change.maskedChange) {
      parts.push(
        `${change.maskedChange.map(code).join(", ")}: ${code(MASKED_SECRET)} → ${code(MASKED_SECRET)} (a secret changed; the engine masks which)`,
      );
    }
  } else if (change.properties.length > 0 || change.maskedChange) {
    const n = change.properties.length + (change.maskedChange ? 1 : 0);
    parts.push(`${n} propert${n === 1 ? "y" : "ies"}`);
  }
  return parts.join("<br>");
}

const UNLISTED_WHY: Record<UnlistedUpdate["why"], string> = {
  "stack outputs": "the stack's outputs",
  "provider code": "only the dynamic provider's code (`__provider`)",
  "outputs only": "outputs only, no input",
};

function unlistedNote(unlisted: UnlistedUpdate[]): string[] {
  if (unlisted.length === 0) return [];
  const groups = Object.entries(UNLISTED_WHY).flatMap(([why, text]) => {
    const names = unlisted.filter((u) => u.why === why).map((u) => u.name);
    if (names.length === 0) return [];
    return why === "stack outputs" ? [text] : [`${names.length} update(s) of ${text}`];
  });
  return [`_Not listed, nothing to review: ${groups.join("; ")}._`];
}

function changeTable(preview: StackPreview, level: DetailLevel): string[] {
  if (preview.kind === "offline-plan") {
    if (preview.resources.length === 0) return [];
    return [
      "| Op | Type | Name | Changes |",
      "| --- | --- | --- | --- |",
      ...preview.resources.map((r) => `| register | ${code(r.type)} | ${code(r.name)} | |`),
    ];
  }
  if (preview.changes.length === 0) return [];
  return [
    "| Op | Type | Name | Changes |",
    "| --- | --- | --- | --- |",
    ...preview.changes.map((c) => `| ${c.op} | ${code(c.type)} | ${code(c.name)} | ${changeCell(c, level)} |`),
  ];
}

function leftOutNote(level: DetailLevel, runUrl: string | undefined): string {
  const where = runUrl ? `[the run](${runUrl})` : "the run's log";
  const what: Record<DetailLevel, string> = {
    properties: "",
    resources: "Property changes are",
    problems: "The list of changes is",
    none: "This stack's details are",
  };
  return `_${what[level]} left out to keep the comment under GitHub's size limit; ${where} has the full preview._`;
}

/** One stack's collapsed section at a level of detail. */
export function stackDetails(preview: StackPreview, level: DetailLevel, runUrl?: string): string {
  const blocks: string[][] = [];
  if (level !== "none") {
    if (preview.error) blocks.push([fenced(preview.error)]);
    blocks.push(violationTable(preview.violations));
    if (preview.kind === "offline-plan" && level !== "problems") {
      blocks.push([
        `Offline plan${preview.offlineReason ? ` (${cell(preview.offlineReason)})` : ""}: this is \`npm run plan\`, the program under Pulumi's mocks, so it lists what the stack registers, not what would change.`,
      ]);
    }
    if (level !== "problems") blocks.push(changeTable(preview, level));
    blocks.push(unlistedNote(preview.unlisted));
    for (const d of preview.diagnostics) {
      blocks.push([`**${d.severity}**${d.resource ? ` on ${code(d.resource)}` : ""}:`, fenced(d.message, 2000)]);
    }
  }
  if (level !== "properties") blocks.push([leftOutNote(level, runUrl)]);
  const body = blocks.filter((b) => b.length > 0).map((b) => b.join("\n"));
  return [`<details><summary><b>${preview.stack}</b> — ${heading(preview)}</summary>`, ...body, "</details>"].join(
    "\n\n",
  );
}
