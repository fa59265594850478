import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LOG_BUFFER_CHARS, LOG_FLUSH_INTERVAL_MS, type WriteSync, writeAllSync } from "../../app/src/logDestination";
import { type AppProcess, spawnApp } from "../support/appProcess";
import { waitFor } from "../support/waitFor";

const LOGGER_SOURCE = join(__dirname, "..", "..", "app", "src", "logger.ts");

/** Runs `script` in a fresh node (with tsx) with the app's logger as `createLogger`: its stdout lines as JSON, its exit status and stderr. */
function runWithLogger(script: string): {
  lines: Array<Record<string, unknown>>;
  status: number | null;
  stderr: string;
} {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "-e", `const { createLogger } = require(${JSON.stringify(LOGGER_SOURCE)}); ${script}`],
    { encoding: "utf8" },
  );
  const lines = result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, status: result.status, stderr: result.stderr };
}

describe("app: log lines are buffered, and never lost on exit", () => {
  let app: AppProcess | undefined;
  afterEach(() => {
    if (app && app.child.exitCode === null) app.child.kill("SIGKILL");
  });

  it(`writes a request's line within ${LOG_FLUSH_INTERVAL_MS} ms at low traffic, though the buffer is far from full`, async () => {
    app = await spawnApp();
    const res = await fetch(`http://127.0.0.1:${app.port}/api/version`, {
      headers: { "X-Request-Id": "quiet-traffic" },
    });
    assert.equal(res.status, 200);
    const answeredAt = Date.now();
    const logs = app.logs;
    const written = await waitFor(() => logs.some((line) => line.requestId === "quiet-traffic"), 5000);
    const waitedMs = Date.now() - answeredAt;
    assert.ok(written, "the request's line never reached stdout");
    assert.ok(waitedMs < LOG_FLUSH_INTERVAL_MS + 400, `the line took ${waitedMs} ms to reach stdout`);
  });

  it("writes the listening line at once, from the main thread: no fsync, so libuv's thread pool never starts", async () => {
    app = await spawnApp();
    assert.ok(app.logs.some((line) => line.msg === "listening"));
    const res = await fetch(`http://127.0.0.1:${app.port}/api/version`);
    assert.equal(res.status, 200);
    const task = `/proc/${app.child.pid}/task`;
    const threads = readdirSync(task).map((id) => readFileSync(`${task}/${id}/comm`, "utf8").trim());
    assert.ok(threads.includes("node-MainThread"), `threads: ${threads.join(", ")}`);
    assert.ok(!threads.includes("libuv-worker"), `threads: ${threads.join(", ")}`);
  });

  it("writes every buffered line when the process exits, a crash included", () => {
    const crashed = runWithLogger(`
      const logger = createLogger("info");
      for (let i = 0; i < 5; i++) logger.info({ i }, "before the crash");
      setImmediate(() => { throw new Error("boom"); });
    `);
    assert.notEqual(crashed.status, 0);
    assert.deepEqual(
      crashed.lines.map((line) => line.i),
      [0, 1, 2, 3, 4],
    );

    const exited = runWithLogger(`
      const logger = createLogger("info");
      logger.info("one line, far below ${LOG_BUFFER_CHARS} characters");
      process.exit(3);
    `);
    assert.equal(exited.status, 3);
    assert.equal(exited.lines.length, 1);
  });

  it(`writes in chunks of at least ${LOG_BUFFER_CHARS} characters under load, not a write per line, and hands the kernel strings, not Buffers`, () => {
    const { lines, status, stderr } = runWithLogger(`
      const fs = require("node:fs");
      const writeSync = fs.writeSync;
      const writes = [];
      fs.writeSync = (fd, data, ...rest) => { if (fd === 1) writes.push(typeof data === "string" ? data.length : "a Buffer"); return writeSync(fd, data, ...rest); };
      const logger = createLogger("info");
      for (let i = 0; i < 500; i++) logger.info({ i, path: "/api/v1/items/" + i }, "request");
      process.on("exit", () => process.stderr.write(JSON.stringify(writes)));
    `);
    assert.equal(status, 0);
    assert.equal(lines.length, 500);
    const writes = JSON.parse(stderr) as Array<number | string>;
    assert.ok(writes.length < 500 / 10, `${writes.length} writes for 500 lines`);
    for (const chars of writes) assert.equal(typeof chars, "number", `a write of ${chars}`);
    for (const chars of writes.slice(0, -1))
      assert.ok(Number(chars) >= LOG_BUFFER_CHARS, `a write of only ${chars} characters`);
  });

  it("loses no line and keeps their order when stdout is a full, non-blocking pipe that its reader drains late", async () => {
    const count = 20_000;
    // The logger's stdout is a pipe to a reader that starts reading only after a second. Touching
    // process.stdout first makes libuv switch that pipe to non-blocking, so the logger's writes
    // meet EAGAIN while the pipe is full; the child counts them.
    const reader = spawn("sh", ["-c", "sleep 1; exec cat"], { stdio: ["pipe", "pipe", "inherit"] });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `process.stdout;
         const fs = require("node:fs");
         const writeSync = fs.writeSync;
         let fullPipe = 0;
         fs.writeSync = (...args) => {
           try { return writeSync(...args); } catch (err) { if (err.code === "EAGAIN") fullPipe++; throw err; }
         };
         const { createLogger } = require(${JSON.stringify(LOGGER_SOURCE)});
         const logger = createLogger("info");
         for (let i = 0; i < ${count}; i++) logger.info({ i, note: "ü ".repeat(20) }, "line");
         process.on("exit", () => process.stderr.write(String(fullPipe)));`,
      ],
      { stdio: ["ignore", reader.stdin, "pipe"] },
    );
    reader.stdin.destroy();
    const chunks: Buffer[] = [];
    reader.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [[code]] = (await Promise.all([once(child, "exit"), once(reader.stdout, "end")])) as [[number | null], []];
    assert.equal(code, 0, stderr);
    assert.ok(Number(stderr) > 0, `the writes never met a full pipe (EAGAIN ${stderr} times)`);
    const lines = Buffer.concat(chunks).toString("utf8").split("\n").filter(Boolean);
    assert.equal(lines.length, count);
    lines.forEach((line, i) => assert.equal((JSON.parse(line) as { i: number }).i, i));
  });
});

describe("app: writeAllSync", () => {
  it("resumes a partial write where it stopped, at a byte inside a multi-byte character too", () => {
    const received: Buffer[] = [];
    const halves: WriteSync = (_fd, data) => {
      const bytes = Buffer.from(data);
      const taken = Math.max(1, Math.floor(bytes.length / 2));
      received.push(bytes.subarray(0, taken));
      return taken;
    };
    writeAllSync(1, "ünïcödé lines\n".repeat(10), halves);
    assert.equal(Buffer.concat(received).toString("utf8"), "ünïcödé lines\n".repeat(10));
  });

  it("waits out EAGAIN and writes the same text again; any other error is thrown", () => {
    let attempts = 0;
    const fullTwice: WriteSync = (_fd, data) => {
      attempts++;
      if (attempts <= 2) throw Object.assign(new Error("EAGAIN: resource temporarily unavailable"), { code: "EAGAIN" });
      return Buffer.byteLength(data);
    };
    writeAllSync(1, "a line\n", fullTwice);
    assert.equal(attempts, 3);

    const closed: WriteSync = () => {
      throw Object.assign(new Error("EPIPE: broken pipe"), { code: "EPIPE" });
    };
    assert.throws(() => writeAllSync(1, "a line\n", closed), /EPIPE/);
  });
});
