import type { PolicyViolation } from "./engineEvents";
import type { Change, StackPreview } from "./previewDocument";

/** Hidden marker that finds the comment again on the next push. */
export const COMMENT_MARKER = "<!-- skyport-preview -->";

/** GitHub's limit on a comment's body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** What surrounds the summary: where the run is and which commit it previewed. */
export interface CommentContext {
  runUrl?: string;
  commit?: string;
  /** Character budget. Default GitHub's limit. */
  limit?: number;
}

const OPS: Change["op"][] = ["create", "update", "replace", "delete"];

/** Markdown-safe inline code. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\n/g, " ")}\``;
}

/** A fenced block that nothing inside can close. */
export function fenced(text: string, max = 4000): string {
  const body = text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
  return `\`\`\`text\n${body.replace(/```/g, "ʼʼʼ")}\n\`\`\``;
}

/** Table-safe text on one line. */
function cell(text: string): string {
  return text
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function counts(preview: StackPreview): Record<Change["op"], number> | undefined {
  if (preview.kind === "offline-plan" || (preview.kind === "failed" && preview.changes.length === 0)) return undefined;
  return Object.fromEntries(OPS.map((op) => [op, preview.changes.filter((c) => c.op === op).length])) as Record<
    Change["op"],
    number
  >;
}

function destructive(preview: StackPreview): Change[] {
  return preview.changes.filter((c) => c.op === "replace" || c.op === "delete");
}

function mandatory(preview: StackPreview): PolicyViolation[] {
  return preview.violations.filter((v) => v.level === "mandatory");
}

function result(preview: StackPreview): string {
  if (preview.kind === "failed") {
    const broken = [...new Set(mandatory(preview).map((v) => v.policy))];
    return broken.length > 0 ? `❌ failed: ${broken.map(code).join(", ")}` : "❌ failed";
  }
  if (preview.kind === "offline-plan") return "🔌 offline plan (no credentials)";
  if (destructive(preview).length > 0) return "⚠️ destructive";
  if (preview.diagnostics.length > 0 || preview.violations.length > 0) return "✅ with warnings";
  return preview.changes.length > 0 ? "✅ ready" : "✅ no changes";
}

function summaryTable(previews: StackPreview[]): string[] {
  const rows = previews.map((preview) => {
    const c = counts(preview);
    const cells = OPS.map((op) =>
      c ? String(c[op]) + ((op === "replace" || op === "delete") && c[op] > 0 ? " ⚠️" : "") : "—",
    );
    return `| ${code(preview.stack)} | ${preview.platform} | ${cells.join(" | ")} | ${result(preview)} |`;
  });
  return [
    "| Stack | Platform | Create | Update | Replace | Delete | Result |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ...rows,
  ];
}

function destructiveCallouts(previews: StackPreview[]): string[] {
  const lines = previews.flatMap((preview) =>
    destructive(preview).map(
      (c) =>
        `> - ${code(preview.stack)} **${c.op === "replace" ? "replaces" : "deletes"}** ${code(c.name)} (${code(c.type)})`,
    ),
  );
  return lines.length > 0 ? ["> [!WARNING]", "> **Destructive changes**", ...lines] : [];
}

function violationTable(violations: PolicyViolation[]): string[] {
  if (violations.length === 0) return [];
  return [
    "",
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

function details(preview: StackPreview, rowBudget: number): { text: string; cut: number } {
  const changeCount = `${preview.changes.length} change${preview.changes.length === 1 ? "" : "s"}`;
  const heading =
    preview.kind === "preview"
      ? changeCount
      : preview.kind === "offline-plan"
        ? `${preview.resources.length} resources in the offline plan`
        : preview.changes.length > 0
          ? `failed, ${changeCount} proposed`
          : "failed";
  const lines = [`<details><summary><b>${preview.stack}</b> — ${heading}</summary>`, ""];
  let cut = 0;
  if (preview.error) lines.push(fenced(preview.error));
  lines.push(...violationTable(preview.violations));
  const rows =
    preview.kind === "offline-plan"
      ? preview.resources.map((r) => `| register | ${code(r.type)} | ${code(r.name)} | |`)
      : preview.changes.map(
          (c) => `| ${c.op} | ${code(c.type)} | ${code(c.name)} | ${c.reasons.map(code).join(", ")} |`,
        );
  if (preview.kind === "offline-plan") {
    lines.push(
      "This pull request comes from a fork, which gets no secrets: this is `npm run plan`, the program under Pulumi's mocks.",
      "",
    );
  }
  if (rows.length > 0) {
    if (preview.error || preview.violations.length > 0) lines.push("");
    const shown = rows.slice(0, Math.max(0, rowBudget));
    cut = rows.length - shown.length;
    lines.push("| Op | Type | Name | Because of |", "| --- | --- | --- | --- |", ...shown);
    if (cut > 0)
      lines.push(
        "",
        `… ${cut} more not shown: the comment would pass GitHub's size limit. The run's log has them all.`,
      );
  }
  for (const d of preview.diagnostics) {
    lines.push("", `**${d.severity}**${d.resource ? ` on ${code(d.resource)}` : ""}:`, fenced(d.message, 2000));
  }
  lines.push("", "</details>");
  return { text: lines.join("\n"), cut };
}

/**
 * The pull request comment: a hidden marker, the summary table (stack, platform, counts),
 * destructive changes called out by name, per-stack details collapsed, and a link to the run.
 * It never shows a property value, so no secret can reach it, and it always stays within
 * GitHub's limit: details are cut first, with a note; the summary is kept.
 */
export function renderComment(previews: StackPreview[], context: CommentContext = {}): string {
  const limit = context.limit ?? GITHUB_COMMENT_LIMIT;
  const head = [COMMENT_MARKER, "## skyport preview", "", ...summaryTable(previews), ""];
  const callouts = destructiveCallouts(previews);
  if (callouts.length > 0) head.push(...callouts, "");
  const footer = [
    "",
    [
      context.runUrl ? `[Workflow run](${context.runUrl})` : undefined,
      context.commit ? `commit ${code(context.commit.slice(0, 12))}` : undefined,
    ]
      .filter(Boolean)
      .join(" · "),
  ];
  const fixed = `${head.join("\n")}\n${footer.join("\n")}`;
  if (fixed.length > limit) return `${fixed.slice(0, limit - 40)}\n… (summary cut at GitHub's limit)`;

  const sections: string[] = [];
  let used = fixed.length;
  for (const preview of previews) {
    const remaining = limit - used - 2;
    let rowBudget = Number.MAX_SAFE_INTEGER;
    let section = details(preview, rowBudget);
    while (section.text.length > remaining && rowBudget > 0) {
      const overBy = section.text.length - remaining;
      const rows = Math.max(1, Math.ceil(overBy / 60));
      rowBudget = Math.max(0, Math.min(rowBudget, totalRows(preview)) - rows);
      section = details(preview, rowBudget);
    }
    if (section.text.length > remaining) {
      const note = `_Details for ${code(preview.stack)} left out: the comment would pass GitHub's size limit._`;
      if (note.length + 2 <= remaining) {
        sections.push(note);
        used += note.length + 2;
      }
      continue;
    }
    sections.push(section.text);
    used += section.text.length + 2;
  }
  return `${head.join("\n")}\n${sections.join("\n\n")}\n${footer.join("\n")}`;
}

function totalRows(preview: StackPreview): number {
  return preview.kind === "offline-plan" ? preview.resources.length : preview.changes.length;
}
