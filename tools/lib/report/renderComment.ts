import type { PolicyViolation } from "./engineEvents";
import { cell, code } from "./markdown";
import type { Change, StackPreview } from "./previewDocument";
import { DETAIL_LEVELS, type DetailLevel, stackDetails } from "./stackDetails";

/** Hidden marker that finds the PR comment again on the next push. */
export const COMMENT_MARKER = "<!-- skyport-preview -->";

/** GitHub's limit on a comment's or an issue's body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Where a report goes and what surrounds it. */
export interface ReportContext {
  /** Hidden marker on the first line, so the report can be found and updated. Default: none. */
  marker?: string;
  /** The heading. Default "skyport preview". */
  title?: string;
  /** A paragraph under the heading, before the summary table. Default none. */
  intro?: string;
  /** The workflow run, linked at the foot and from every note that leaves detail out. */
  runUrl?: string;
  /** The commit previewed, named at the foot. */
  commit?: string;
  /** Character budget. Default GitHub's limit. */
  limit?: number;
}

const OPS: Change["op"][] = ["create", "update", "replace", "delete"];

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
    return `| ${code(preview.stack)} | ${cell(preview.platform)} | ${cells.join(" | ")} | ${result(preview)} |`;
  });
  return [
    "| Stack | Platform | Create | Update | Replace | Delete | Result |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ...rows,
  ];
}

function destructiveCallouts(previews: StackPreview[]): string[] {
  const lines = previews.flatMap((preview) =>
    destructive(preview).map((c) => {
      const because = c.reasons.length > 0 ? ` because of ${c.reasons.map(code).join(", ")}` : "";
      const verb = c.op === "replace" ? "replaces" : "deletes";
      return `> - ${code(preview.stack)} **${verb}** ${code(c.name)} (${code(c.type)})${because}`;
    }),
  );
  return lines.length > 0 ? ["> [!WARNING]", "> **Destructive changes**", ...lines] : [];
}

/** Each stack whose releases walk steps, and how: the rollout plan a merge starts. */
function rolloutLines(previews: StackPreview[]): string[] {
  const walking = previews.filter((preview) => preview.rollout);
  if (walking.length === 0) return [];
  return ["**Rollout**", "", ...walking.map((preview) => `- ${code(preview.stack)}: ${cell(preview.rollout!)}`)];
}

const SECRETS_NOTE =
  "_Secret inputs show as `[secret]`, as the engine masks them: a secret's change shows only as an update of masked inputs._";

/** The smallest level below `level` that makes the section shorter, if any. */
function lessDetail(preview: StackPreview, level: DetailLevel, text: string, runUrl?: string) {
  for (const next of DETAIL_LEVELS.slice(DETAIL_LEVELS.indexOf(level) + 1)) {
    const shorter = stackDetails(preview, next, runUrl);
    if (shorter.length < text.length) return { level: next, text: shorter };
  }
  return undefined;
}

/**
 * A preview report: the summary table (stack, platform, counts, result), destructive changes
 * called out at the top, each canary or blue/green stack's rollout plan, then one collapsed section per stack listing each change with its
 * properties, old → new. The PR comment, job summaries and the drift issue are all this
 * report. It stays within the limit: detail is dropped one level at a time
 * from the largest section first, each time with a note that links to the run.
 */
export function renderReport(previews: StackPreview[], context: ReportContext = {}): string {
  const limit = context.limit ?? GITHUB_COMMENT_LIMIT;
  const head = [
    ...(context.marker ? [context.marker] : []),
    `## ${context.title ?? "skyport preview"}`,
    "",
    ...(context.intro ? [context.intro, ""] : []),
    ...summaryTable(previews),
    "",
  ];
  const callouts = destructiveCallouts(previews);
  if (callouts.length > 0) head.push(...callouts, "");
  const rollouts = rolloutLines(previews);
  if (rollouts.length > 0) head.push(...rollouts, "");
  const masked = previews.some((p) => p.changes.some((c) => c.maskedChange));
  const foot = [
    ...(masked ? ["", SECRETS_NOTE] : []),
    "",
    [
      context.runUrl ? `[Workflow run](${context.runUrl})` : undefined,
      context.commit ? `commit ${code(context.commit.slice(0, 12))}` : undefined,
    ]
      .filter(Boolean)
      .join(" · "),
  ].join("\n");
  const sections: Array<{ preview: StackPreview; level: DetailLevel; text: string }> = previews.map((preview) => ({
    preview,
    level: "properties",
    text: stackDetails(preview, "properties", context.runUrl),
  }));
  const total = () =>
    head.join("\n").length + 1 + sections.reduce((sum, s) => sum + s.text.length + 2, 0) + foot.length;
  while (total() > limit) {
    const shrinkable = sections
      .map((section) => ({ section, less: lessDetail(section.preview, section.level, section.text, context.runUrl) }))
      .filter((s) => s.less !== undefined)
      .sort((a, b) => b.section.text.length - a.section.text.length)[0];
    if (!shrinkable?.less) break;
    Object.assign(shrinkable.section, shrinkable.less);
  }
  const report = `${head.join("\n")}\n${sections.map((s) => s.text).join("\n\n")}\n${foot}`;
  return report.length <= limit ? report : `${report.slice(0, limit - 40)}\n… (cut at GitHub's limit)`;
}

/** The pull request comment: the report under the marker the next push finds it by. */
export function renderComment(previews: StackPreview[], context: Omit<ReportContext, "marker"> = {}): string {
  return renderReport(previews, { ...context, marker: COMMENT_MARKER });
}
