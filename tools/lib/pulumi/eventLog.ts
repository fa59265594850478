import { readFileSync, writeFileSync } from "node:fs";

/** Whether one line of the event log is a debug diagnostic, read whole or, cut short, by its prefix. */
function isDebugEvent(line: string): boolean {
  if (!line.includes('"diagnosticEvent"')) return false;
  try {
    return (JSON.parse(line) as { diagnosticEvent?: { severity?: string } }).diagnosticEvent?.severity === "debug";
  } catch {
    return line.includes('"prefix":"debug: "');
  }
}

/**
 * An event log without its debug diagnostics. The engine records every diagnostic the program
 * sends, debug ones too, whatever the CLI's verbosity; and @pulumi/pulumi's debug lines print
 * each RPC's response (`RegisterResource RPC finished: … resp: …`), secret values in the clear
 * among them: a Kubernetes Secret's `data`, the Render service's API key. The log the pipeline
 * keeps and uploads holds none of them.
 */
export function withoutDebugEvents(eventLog: string): string {
  return eventLog
    .split("\n")
    .filter((line) => line !== "" && !isDebugEvent(line))
    .map((line) => `${line}\n`)
    .join("");
}

/** Rewrites an event log file without its debug diagnostics. */
export function dropDebugEvents(path: string): void {
  writeFileSync(path, withoutDebugEvents(readFileSync(path, "utf8")));
}
