import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readStackPreview, type StackPreview } from "../../tools/lib/report/previewDocument";

/** Documents and event logs the real Pulumi CLI wrote (npm run record-previews). */
export const RECORDED_PREVIEWS = join(__dirname, "..", "fixtures", "previews");

/** One recorded file's text. */
export const readRecorded = (file: string) => readFileSync(join(RECORDED_PREVIEWS, file), "utf8");

/** One step of a recorded document, as far as the tests edit it. */
export interface RecordedStep {
  op: string;
  urn: string;
  replaceReasons?: string[];
  detailedDiff?: Record<string, Record<string, unknown>> | null;
  oldState?: { type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

/** A recorded document, parsed. */
export const recordedDocument = (file: string) =>
  JSON.parse(readRecorded(file)) as { steps: RecordedStep[]; config?: unknown; [key: string]: unknown };

/**
 * A recorded scenario read as the comment reads it, document and event log:
 * `staging-<scenario>` (Render) or `kubernetes-<scenario>`.
 */
export function recordedPreview(recording: string, stack: string, platform = "unknown"): StackPreview {
  return readStackPreview(
    stack,
    readRecorded(`${recording}.json`),
    platform,
    readRecorded(`${recording}.events.jsonl`),
  );
}

/** A step with its states cut to their types and inputs, all the comment reads of an update. */
function inputsOnly(step: RecordedStep): RecordedStep {
  return {
    ...step,
    oldState: step.oldState && { type: step.oldState.type, inputs: step.oldState.inputs },
    newState: step.newState && { type: step.newState.type, inputs: step.newState.inputs },
  };
}

/**
 * A preview document of n resources, made by repeating steps the real engine wrote (a new
 * image digest, and every 50th a region replacement), each under its own name.
 */
export function hugePreview(n: number): string {
  const steps = (scenario: string) => recordedDocument(`staging-${scenario}.json`).steps;
  const update = inputsOnly(steps("image-update").find((step) => step.op === "update")!);
  const replace = inputsOnly(steps("replace").find((step) => step.op === "replace")!);
  const all = Array.from({ length: n }, (_, i) => {
    const step = i % 50 === 0 ? replace : update;
    return { ...step, urn: step.urn.replace(/::shop-api-service$/, `::shop-api-service-with-a-long-name-${i}`) };
  });
  const { config } = recordedDocument("staging-image-update.json");
  return JSON.stringify({ config, steps: all, changeSummary: { update: n - n / 50, replace: n / 50 } });
}
