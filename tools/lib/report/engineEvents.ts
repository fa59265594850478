import { resourceOfUrn } from "../pulumi/urn";
import { withoutColour } from "./engineValues";

/** What the engine's event log (`--event-log`, one JSON event a line) says that the preview document does not. */
export interface EngineEventSummary {
  /** Policy violations, the only place the engine reports them. */
  violations: PolicyViolation[];
  /** The run's outcome from its summary event (succeeded, failed), when the log got that far. */
  result?: string;
  /** Error diagnostics, in order. */
  errors: string[];
}

/** One policy violation. */
export interface PolicyViolation {
  /** The policy's name, e.g. minimum-instances. */
  policy: string;
  /** The enforcement level: mandatory fails the preview; advisory (or remediate) is a warning. */
  level: string;
  /** The resource's name, when the violation is about one. */
  resource?: string;
  message: string;
}

interface EngineEvent {
  policyEvent?: { resourceUrn?: string; message?: string; policyName?: string; enforcementLevel?: string };
  diagnosticEvent?: { severity?: string; message?: string };
  summaryEvent?: { result?: string };
}

/**
 * Reads an event log; a line that is not JSON (a log cut short) is passed over. Messages lose
 * their colour directives, whatever colour mode the engine wrote them in.
 */
export function readEngineEvents(text: string): EngineEventSummary {
  const summary: EngineEventSummary = { violations: [], errors: [] };
  for (const line of text.split("\n")) {
    let event: EngineEvent;
    try {
      event = JSON.parse(line) as EngineEvent;
    } catch {
      continue;
    }
    const policy = event.policyEvent;
    if (policy?.policyName) {
      summary.violations.push({
        policy: withoutColour(policy.policyName),
        level: policy.enforcementLevel ?? "advisory",
        ...(policy.resourceUrn ? { resource: resourceOfUrn(policy.resourceUrn).name } : {}),
        message: withoutColour(policy.message ?? "").trim(),
      });
    }
    if (event.diagnosticEvent?.severity === "error")
      summary.errors.push(withoutColour(event.diagnosticEvent.message ?? "").trim());
    if (event.summaryEvent) summary.result = event.summaryEvent.result;
  }
  return summary;
}
