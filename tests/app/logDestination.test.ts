import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LOG_BUFFER_BYTES, LOG_FLUSH_INTERVAL_MS } from "../../app/src/logger";
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
      logger.info("one line, far below ${LOG_BUFFER_BYTES} bytes");
      process.exit(3);
    `);
    assert.equal(exited.status, 3);
    assert.equal(exited.lines.length, 1);
  });

  it(`writes in chunks of at least ${LOG_BUFFER_BYTES} bytes under load, not a write per line`, () => {
    const { lines, status, stderr } = runWithLogger(`
      const fs = require("node:fs");
      const writeSync = fs.writeSync;
      const writes = [];
      fs.writeSync = (fd, data, ...rest) => { if (fd === 1) writes.push(Buffer.byteLength(data)); return writeSync(fd, data, ...rest); };
      const logger = createLogger("info");
      for (let i = 0; i < 500; i++) logger.info({ i, path: "/api/v1/items/" + i }, "request");
      process.on("exit", () => process.stderr.write(JSON.stringify(writes)));
    `);
    assert.equal(status, 0);
    assert.equal(lines.length, 500);
    const writes = JSON.parse(stderr) as number[];
    assert.ok(writes.length < 500 / 10, `${writes.length} writes for 500 lines`);
    for (const bytes of writes.slice(0, -1)) assert.ok(bytes >= LOG_BUFFER_BYTES, `a write of only ${bytes} bytes`);
  });
});
