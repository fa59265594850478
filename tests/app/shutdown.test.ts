import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import { type AppProcess, spawnApp } from "../support/appProcess";
import { waitFor } from "../support/waitFor";

/** A POST whose body is only half sent, so the request stays in flight until `finish`. */
function startSlowPost(port: number, name: string) {
  const body = JSON.stringify({ name });
  const req = http.request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/api/v1/items",
    agent: false,
    headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
  });
  const response = once(req, "response").then(async ([res]) => {
    const message = res as http.IncomingMessage;
    let text = "";
    for await (const chunk of message) text += String(chunk);
    return { status: message.statusCode, connection: message.headers.connection, body: JSON.parse(text) };
  });
  req.write(body.slice(0, 5));
  return { response, finish: () => req.end(body.slice(5)) };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("app: graceful shutdown in a real process", () => {
  let app: AppProcess | undefined;
  afterEach(() => {
    if (app && app.child.exitCode === null) app.child.kill("SIGKILL");
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`on ${signal}: refuses new connections, finishes in-flight requests, closes idle ones, exits 0 in time`, async () => {
      const graceMs = 5000;
      app = await spawnApp({ SHUTDOWN_GRACE_MS: String(graceMs) });
      const { port } = app;

      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const idle = await new Promise<net.Socket>((resolve, reject) => {
        const req = http.get({ host: "127.0.0.1", port, path: "/health", agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(req.socket!));
        });
        req.on("error", reject);
      });
      assert.equal(idle.destroyed, false, "the keep-alive connection is open and idle");
      const idleClosed = once(idle, "close");

      const inFlight = Array.from({ length: 5 }, (_, i) => startSlowPost(port, `in-flight-${i}`));
      await delay(200);

      const signalledAt = Date.now();
      app.child.kill(signal);

      assert.ok(await waitFor(() => connectionRefused(port), 2000), "new connections are refused while draining");
      await idleClosed;
      assert.equal(app.child.exitCode, null, "the process waits for in-flight requests");

      for (const request of inFlight) request.finish();
      const answers = await Promise.all(inFlight.map((request) => request.response));
      for (const [i, answer] of answers.entries()) {
        assert.equal(answer.status, 201);
        assert.equal(answer.body.name, `in-flight-${i}`);
        assert.equal(answer.connection, "close");
      }

      const { code } = await app.exited;
      assert.equal(code, 0);
      assert.ok(Date.now() - signalledAt < graceMs, "exits before the grace period ends");
      const stopped = app.logs.find((line) => line.msg === "stopped");
      assert.equal(stopped?.result, "drained");
      agent.destroy();
    });
  }

  it("exits when the grace period runs out, even with a request still open", async () => {
    const graceMs = 400;
    app = await spawnApp({ SHUTDOWN_GRACE_MS: String(graceMs) });
    const stuck = startSlowPost(app.port, "never finished");
    const stuckFailed = stuck.response.then(
      () => false,
      () => true,
    );
    await delay(200);
    const signalledAt = Date.now();
    app.child.kill("SIGTERM");
    const { code } = await app.exited;
    const elapsed = Date.now() - signalledAt;
    assert.equal(code, 1, "a forced stop is not reported as clean");
    assert.ok(elapsed >= graceMs - 50, `waited the grace period (${elapsed} ms)`);
    assert.ok(elapsed < graceMs + 2000, `but not much longer (${elapsed} ms)`);
    assert.equal(await stuckFailed, true);
    assert.equal(app.logs.find((line) => line.msg === "stopped")?.result, "timed-out");
  });
});
