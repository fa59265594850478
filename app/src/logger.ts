import pino from "pino";
import { type BufferedDestination, stdoutDestination } from "./logDestination";

export type Logger = pino.Logger;

/**
 * Pino's `time` field as an ISO timestamp, formatted at most once a millisecond: under load many
 * lines share a millisecond, and formatting a date is the costliest part of a log line.
 */
function isoTimeOncePerMillisecond(): () => string {
  let last = 0;
  let field = "";
  return () => {
    const now = Date.now();
    if (now !== last) {
      last = now;
      field = `,"time":"${new Date(now).toISOString()}"`;
    }
    return field;
  };
}

/** Writes what the logger's destination has gathered, now: for lines that must not wait (listening, draining). */
export function writeBufferedLines(logger: Logger): void {
  const destination = (logger as unknown as Record<symbol, Partial<BufferedDestination>>)[pino.symbols.streamSym];
  destination.flushSync?.();
}

/** JSON lines on stdout (or the given stream), one object per event, ISO timestamps. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "skyport-app" },
      timestamp: isoTimeOncePerMillisecond(),
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? stdoutDestination(),
  );
}
