import pino from "pino";

export type Logger = pino.Logger;

/** Bytes of log lines gathered before they are written to stdout in one write. */
export const LOG_BUFFER_BYTES = 4096;
/** Longest a line waits in the buffer when traffic is too low to fill it (milliseconds). */
export const LOG_FLUSH_INTERVAL_MS = 100;

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

/**
 * Stdout as the app writes it: lines are gathered up to LOG_BUFFER_BYTES and written
 * synchronously in one write, from the main thread (no thread pool round trip per write). A
 * line waits at most LOG_FLUSH_INTERVAL_MS, and whatever is buffered is written when the
 * process exits, a crash included. A stalled log pipe stalls the app instead of growing its
 * memory without bound.
 */
function stdoutDestination(): pino.DestinationStream {
  const destination = pino.destination({
    sync: true,
    minLength: LOG_BUFFER_BYTES,
    periodicFlush: LOG_FLUSH_INTERVAL_MS,
  });
  process.once("exit", () => destination.flushSync());
  return destination;
}

/**
 * Writes the lines the logger's destination holds, now and on the main thread. pino's own
 * `logger.flush()` also asks for an fsync, which on stdout (a pipe) only fails, and which starts
 * libuv's thread pool to do it.
 */
export function writeBufferedLines(logger: Logger): void {
  const destination = (logger as unknown as Record<symbol, { flushSync?: () => void }>)[pino.symbols.streamSym];
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
