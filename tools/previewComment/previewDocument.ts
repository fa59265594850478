/** One stack's preview, read from `pulumi preview --json`, the offline plan's `--json`, or a failure. */
export type StackPreview =
  | { kind: "preview"; stack: string; platform: string; changes: Change[]; diagnostics: Diagnostic[] }
  | { kind: "offline-plan"; stack: string; platform: string; resources: Array<{ type: string; name: string }> }
  | { kind: "failed"; stack: string; platform: string; error: string };

/** A resource the preview would change. */
export interface Change {
  op: "create" | "update" | "replace" | "delete";
  type: string;
  name: string;
  /** Properties whose change causes it, when Pulumi says. */
  reasons: string[];
}

export interface Diagnostic {
  severity: "warning" | "error";
  message: string;
  resource?: string;
}

interface PreviewStep {
  op?: string;
  urn?: string;
  newState?: { type?: string };
  oldState?: { type?: string };
  diffReasons?: string[];
  replaceReasons?: string[];
}

interface PreviewJson {
  config?: Record<string, unknown>;
  steps?: PreviewStep[];
  diagnostics?: Array<{ severity?: string; message?: string; urn?: string }>;
  resources?: Array<{ type: string; name: string }>;
  platform?: string;
}

const COUNTED_OPS: Record<string, Change["op"]> = {
  create: "create",
  import: "create",
  update: "update",
  replace: "replace",
  delete: "delete",
};

/** The resource name and type a URN carries (`urn:pulumi:stack::project::parent$type::name`). */
function fromUrn(urn = ""): { type: string; name: string } {
  const parts = urn.split("::");
  return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** Reads one stack's document; anything unreadable, or a preview that reported errors and no steps, is a failure. */
export function readStackPreview(stack: string, text: string | undefined, fallbackPlatform = "unknown"): StackPreview {
  if (text === undefined || text.trim() === "") {
    return {
      kind: "failed",
      stack,
      platform: fallbackPlatform,
      error: "no preview output (the preview did not run to the end)",
    };
  }
  let json: PreviewJson;
  try {
    json = JSON.parse(text) as PreviewJson;
  } catch {
    return { kind: "failed", stack, platform: fallbackPlatform, error: text.trim() };
  }
  const configured = json.config?.["skyport:platform"];
  const platform = typeof configured === "string" ? configured : (json.platform ?? fallbackPlatform);
  if (Array.isArray(json.resources)) {
    return {
      kind: "offline-plan",
      stack,
      platform,
      resources: json.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map(({ type, name }) => ({ type, name })),
    };
  }
  const diagnostics: Diagnostic[] = (json.diagnostics ?? [])
    .filter((d) => d.severity === "warning" || d.severity === "error")
    .map((d) => ({
      severity: d.severity as Diagnostic["severity"],
      message: (d.message ?? "").trim(),
      ...(d.urn ? { resource: fromUrn(d.urn).name } : {}),
    }));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (!Array.isArray(json.steps) || (errors.length > 0 && json.steps.length === 0)) {
    return {
      kind: "failed",
      stack,
      platform,
      error: errors.map((e) => e.message).join("\n") || "the preview reported no steps",
    };
  }
  const changes = json.steps.flatMap((step): Change[] => {
    const op = COUNTED_OPS[step.op ?? ""];
    if (!op) return [];
    const fromPath = fromUrn(step.urn);
    return [
      {
        op,
        type: step.newState?.type ?? step.oldState?.type ?? fromPath.type,
        name: fromPath.name,
        reasons: op === "replace" ? (step.replaceReasons ?? []) : (step.diffReasons ?? []),
      },
    ];
  });
  return { kind: "preview", stack, platform, changes, diagnostics };
}
