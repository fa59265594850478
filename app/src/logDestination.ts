import { writeSync } from "node:fs";
import type { DestinationStream } from "pino";

/** Characters of log lines (bytes, for ASCII lines) gathered before one write to stdout. */
export const LOG_BUFFER_CHARS = 4096;
/** Longest a line waits in the buffer when traffic is too low to fill it (milliseconds). */
export const LOG_FLUSH_INTERVAL_MS = 100;
/** How long a write waits before trying again when a non-blocking stdout is full (milliseconds). */
const FULL_PIPE_WAIT_MS = 10;

/** A log destination that can write what it holds now. */
export interface BufferedDestination extends DestinationStream {
  /** Writes the gathered lines at once, on the main thread. */
  flushSync(): void;
}

/** The write this module makes; a parameter so tests can answer with partial writes and EAGAIN. */
export type WriteSync = (fd: number, data: string | Uint8Array) => number;

const writeToFd: WriteSync = (fd, data) => (typeof data === "string" ? writeSync(fd, data) : writeSync(fd, data));

/**
 * Writes all of `text` to `fd` before returning. A write that takes only part of it is resumed
 * where it stopped, and a full non-blocking pipe (EAGAIN) is waited out, so nothing is dropped
 * and nothing piles up in memory. The string goes to the kernel as it is: it is turned into a
 * Buffer only after a partial write, which a blocking pipe or a file rarely makes.
 */
export function writeAllSync(fd: number, text: string, write: WriteSync = writeToFd): void {
  let pending: string | Buffer = text;
  for (;;) {
    let written: number;
    try {
      written = write(fd, pending);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FULL_PIPE_WAIT_MS);
      continue;
    }
    const length = typeof pending === "string" ? Buffer.byteLength(pending) : pending.length;
    if (written >= length) return;
    pending = (typeof pending === "string" ? Buffer.from(pending) : pending).subarray(written);
  }
}

/**
 * Stdout as the app writes it: lines are gathered into one string of about LOG_BUFFER_CHARS
 * (counted in characters, so no line is measured in bytes) and written with one synchronous
 * write, from the main thread: no thread-pool round trip, and a stalled log pipe stalls the app
 * instead of growing its memory. A line waits at most LOG_FLUSH_INTERVAL_MS, and whatever is
 * gathered is written when the process exits, a crash included.
 *
 * Not pino's own synchronous destination (sonic-boom): after each write it copies the written
 * string into a new Buffer, ~2 MiB more resident after 10,000 requests. Not process.stdout
 * either: on a pipe it queues what the reader has not taken, without bound (docs/benchmarks.md).
 */
export function stdoutDestination(): BufferedDestination {
  let gathered = "";
  const flushSync = (): void => {
    if (gathered === "") return;
    const chunk = gathered;
    gathered = "";
    writeAllSync(1, chunk);
  };
  setInterval(flushSync, LOG_FLUSH_INTERVAL_MS).unref();
  process.once("exit", flushSync);
  return {
    write(line: string) {
      gathered += line;
      if (gathered.length >= LOG_BUFFER_CHARS) flushSync();
    },
    flushSync,
  };
}
