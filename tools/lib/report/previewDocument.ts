import { describeWalk, rolloutOfConfig } from "../rollout/rolloutWalk";
import { resourceOfUrn } from "../pulumi/urn";
import { withoutColour } from "./engineValues";
import { type EngineEventSummary, type PolicyViolation, readEngineEvents } from "./engineEvents";
import {
  detailedChanges,
  type EnginePropertyDiff,
  inputChanges,
  maskedInputs,
  outputChanges,
  type PropertyChange,
  providerCodeChanged,
} from "./propertyDiff";

/**
 * One stack's preview, read from `pulumi preview --json` and the engine's event log beside it,
 * or from the offline plan's `--json`. `failed` means the preview reported an error or broke a
 * mandatory policy; what it would have changed is still listed when the engine got that far.
 */
export interface StackPreview {
  kind: "preview" | "failed" | "offline-plan";
  stack: string;
  platform: string;
  /** Resources the preview would create, update, replace or delete. */
  changes: Change[];
  /** Updates with nothing to review, counted apart: the stack's outputs, the provider's code. */
  unlisted: UnlistedUpdate[];
  /** The offline plan's resources (a fork's pull request); empty otherwise. */
  resources: Array<{ type: string; name: string }>;
  /** Warnings and errors the engine reported. */
  diagnostics: Diagnostic[];
  /** Policy violations, mandatory and advisory. */
  violations: PolicyViolation[];
  /** Why the preview failed, when it did. */
  error?: string;
  /** Why the stack got an offline plan rather than a preview, when it did. */
  offlineReason?: string;
  /** How a release rolls out, when it walks steps: `canary: 10 % → 50 % → whole, …`. */
  rollout?: string;
}

/** A resource the preview would change. */
export interface Change {
  op: "create" | "update" | "replace" | "delete";
  type: string;
  name: string;
  /** Why a replacement replaces: the engine's replaceReasons, or the properties that force it. */
  reasons: string[];
  /** Each changed property of an update or a replacement, old → new. */
  properties: PropertyChange[];
  /**
   * Masked inputs of an update that shows no other change: the engine hides secrets, so the
   * change is in one of these, and no more can be said.
   */
  maskedChange?: string[];
}

/** An update the comment does not list, and why. */
export interface UnlistedUpdate {
  name: string;
  why: "stack outputs" | "provider code" | "outputs only";
}

export interface Diagnostic {
  severity: "warning" | "error";
  message: string;
  resource?: string;
}

interface StepState {
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

interface PreviewStep {
  op?: string;
  urn?: string;
  newState?: StepState;
  oldState?: StepState;
  replaceReasons?: string[];
  detailedDiff?: Record<string, EnginePropertyDiff> | null;
}

interface PreviewJson {
  config?: Record<string, unknown>;
  steps?: PreviewStep[];
  diagnostics?: Array<{ severity?: string; message?: string; urn?: string }>;
  resources?: Array<{ type: string; name: string }>;
  platform?: string;
  /** An offline plan's policy findings (`npm run plan -- --json --policy`). */
  policyViolations?: PolicyViolation[];
}

const COUNTED_OPS: Record<string, Change["op"]> = {
  create: "create",
  import: "create",
  update: "update",
  replace: "replace",
  delete: "delete",
};

/** The engine's own closing line for a failed preview; it says nothing the violations don't. */
const GENERIC_FAILURE = /^(error: )?preview failed$/;

/** The stack resource itself: it changes whenever the program's outputs do, and says nothing. */
const STACK_TYPE = "pulumi:pulumi:Stack";

function propertiesOf(step: PreviewStep): PropertyChange[] {
  if (step.detailedDiff && Object.keys(step.detailedDiff).length > 0) {
    return detailedChanges(step.detailedDiff, step.oldState, step.newState?.inputs);
  }
  return inputChanges(step.oldState?.inputs, step.newState?.inputs, step.replaceReasons);
}

/** Reads the steps: the changes to list, and the updates with nothing to review. */
function changesOf(steps: PreviewStep[]): { changes: Change[]; unlisted: UnlistedUpdate[] } {
  const changes: Change[] = [];
  const unlisted: UnlistedUpdate[] = [];
  for (const step of steps) {
    const op = COUNTED_OPS[step.op ?? ""];
    const fromUrn = resourceOfUrn(step.urn ?? "");
    const type = step.newState?.type ?? step.oldState?.type ?? fromUrn.type;
    if (!op) continue;
    if (type === STACK_TYPE) {
      if (op === "update") unlisted.push({ name: fromUrn.name, why: "stack outputs" });
      continue;
    }
    const properties = op === "update" || op === "replace" ? propertiesOf(step) : [];
    const statesKnown = step.oldState?.inputs !== undefined && step.newState?.inputs !== undefined;
    if (op === "update" && properties.length === 0 && statesKnown) {
      if (providerCodeChanged(step.oldState?.inputs, step.newState?.inputs)) {
        unlisted.push({ name: fromUrn.name, why: "provider code" });
        continue;
      }
      const drifted = outputChanges(step.oldState?.outputs, step.newState?.inputs);
      if (drifted.length > 0) {
        changes.push({ op, type, name: fromUrn.name, reasons: [], properties: drifted });
        continue;
      }
      const masked = maskedInputs(step.newState?.inputs);
      if (masked.length === 0) {
        unlisted.push({ name: fromUrn.name, why: "outputs only" });
        continue;
      }
      changes.push({ op, type, name: fromUrn.name, reasons: [], properties, maskedChange: masked });
      continue;
    }
    const forcing = properties.filter((p) => p.replaces).map((p) => p.path);
    const reasons = op === "replace" ? (step.replaceReasons?.length ? step.replaceReasons : forcing) : [];
    changes.push({ op, type, name: fromUrn.name, reasons, properties });
  }
  return { changes, unlisted };
}

/** An offline plan's policy findings, each field checked: the document may come from a fork. */
function planViolations(found: unknown): PolicyViolation[] {
  if (!Array.isArray(found)) return [];
  return found
    .filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    .filter((v) => typeof v.policy === "string" && typeof v.level === "string" && typeof v.message === "string")
    .map((v) => ({
      policy: String(v.policy),
      level: String(v.level),
      ...(typeof v.resource === "string" ? { resource: v.resource } : {}),
      message: String(v.message),
    }));
}

function failure(stack: string, platform: string, error: string, events: EngineEventSummary): StackPreview {
  return {
    kind: "failed",
    stack,
    platform,
    changes: [],
    unlisted: [],
    resources: [],
    diagnostics: [],
    violations: events.violations,
    error,
  };
}

/**
 * Reads one stack's documents. Anything unreadable is a failure; so is a preview that reported
 * an error, whose event log says it failed, or that broke a mandatory policy.
 */
export function readStackPreview(
  stack: string,
  text: string | undefined,
  fallbackPlatform = "unknown",
  eventLog = "",
): StackPreview {
  const events = readEngineEvents(eventLog);
  if (text === undefined || text.trim() === "") {
    const error = events.errors.join("\n") || "no preview output (the preview did not run to the end)";
    return failure(stack, fallbackPlatform, error, events);
  }
  let json: PreviewJson;
  try {
    json = JSON.parse(text) as PreviewJson;
  } catch {
    return failure(stack, fallbackPlatform, withoutColour(text).trim(), events);
  }
  const configured = json.config?.["skyport:platform"];
  const platform = typeof configured === "string" ? configured : (json.platform ?? fallbackPlatform);
  const walk = rolloutOfConfig(json.config ?? {});
  const rollout = walk.steps.length > 0 ? { rollout: describeWalk(walk) } : {};
  if (Array.isArray(json.resources)) {
    const violations = [...events.violations, ...planViolations(json.policyViolations)];
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    return {
      kind: mandatory > 0 ? "failed" : "offline-plan",
      stack,
      platform,
      changes: [],
      unlisted: [],
      resources: json.resources.filter((r) => r.type !== STACK_TYPE).map(({ type, name }) => ({ type, name })),
      diagnostics: [],
      violations,
      ...rollout,
      ...(mandatory > 0 ? { error: `${mandatory} mandatory policy violation(s) in the offline plan` } : {}),
    };
  }
  const diagnostics: Diagnostic[] = (json.diagnostics ?? [])
    .filter((d) => d.severity === "warning" || d.severity === "error")
    .map((d) => ({
      severity: d.severity as Diagnostic["severity"],
      message: withoutColour(d.message ?? "").trim(),
      ...(d.urn ? { resource: resourceOfUrn(d.urn).name } : {}),
    }));
  if (!Array.isArray(json.steps)) return failure(stack, platform, "the preview reported no steps", events);
  const mandatory = events.violations.filter((v) => v.level === "mandatory");
  const errors = diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
  const failed = errors.length > 0 || mandatory.length > 0 || events.result === "failed";
  const explained = errors.filter((message) => !(mandatory.length > 0 && GENERIC_FAILURE.test(message)));
  const error = [
    ...(mandatory.length > 0 ? [`${mandatory.length} mandatory policy violation(s)`] : []),
    ...explained,
  ].join("\n");
  return {
    kind: failed ? "failed" : "preview",
    stack,
    platform,
    ...changesOf(json.steps),
    resources: [],
    diagnostics: diagnostics.filter((d) => d.severity === "warning"),
    violations: events.violations,
    ...rollout,
    ...(failed ? { error: error || "the preview failed" } : {}),
  };
}
