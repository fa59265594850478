import pino from "pino";

export type Logger = pino.Logger;

/** JSON lines on stdout (or the given stream), one object per event, ISO timestamps. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "skyport-app" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
