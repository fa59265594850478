import pino from "pino";

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

/** JSON lines on stdout (or the given stream), one object per event, ISO timestamps. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "skyport-app" },
      timestamp: isoTimeOncePerMillisecond(),
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
