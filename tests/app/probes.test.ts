import assert from "node:assert/strict";
import { Writable } from "node:stream";
import request from "supertest";
import { createApp } from "../../app/src/app";
import { loadConfig } from "../../app/src/config";
import { Lifecycle } from "../../app/src/lifecycle";
import { createLogger } from "../../app/src/logger";
import { createMetrics } from "../../app/src/metrics";

/** An app whose log lines are kept, at the given level. */
function appAt(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const lifecycle = new Lifecycle();
  const metrics = createMetrics();
  const app = createApp({
    config: loadConfig({}),
    logger: createLogger(
      level,
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          lines.push(
            ...chunk
              .toString("utf8")
              .split("\n")
              .filter(Boolean)
              .map((l) => JSON.parse(l)),
          );
          done();
        },
      }),
    ),
    metrics,
    lifecycle,
  });
  return { handler: app.callback(), lines, lifecycle, metrics };
}

describe("app: probes are answered in front of the app, quietly", () => {
  it("answers /health and /ready with the same body, security headers and request id as any answer", async () => {
    const { handler, lifecycle } = appAt("info");
    lifecycle.markReady();
    const health = await request(handler).get("/health").set("X-Request-Id", "probe-1").expect(200);
    assert.equal(health.body.status, "ok");
    assert.equal(typeof health.body.uptime, "number");
    assert.equal(health.headers["x-request-id"], "probe-1");
    assert.equal(health.headers["content-type"], "application/json; charset=utf-8");
    assert.equal(health.headers["x-content-type-options"], "nosniff");
    assert.match(health.headers["content-security-policy"], /default-src 'self'/);
    const version = await request(handler).get("/api/version").expect(200);
    for (const name of ["content-security-policy", "x-frame-options", "strict-transport-security", "referrer-policy"]) {
      assert.equal(health.headers[name], version.headers[name], `${name}: the same as the app's`);
    }
    assert.deepEqual((await request(handler).get("/ready?from=lb").expect(200)).body, { status: "ready" });
    const head = await request(handler).head("/health").expect(200);
    assert.equal(head.text, undefined);
    await request(handler).post("/health").expect(405);
  });

  it("logs no successful probe at the default level, but every failed one, and every probe at debug", async () => {
    const quiet = appAt("info");
    await request(quiet.handler).get("/health").expect(200);
    await request(quiet.handler).get("/ready").expect(503);
    assert.deepEqual(
      quiet.lines.filter((l) => l.msg === "request").map((l) => [l.path, l.status, l.level]),
      [["/ready", 503, "info"]],
      "only the failed readiness probe",
    );
    const loud = appAt("debug");
    loud.lifecycle.markReady();
    await request(loud.handler).get("/health").expect(200);
    await request(loud.handler).get("/ready").expect(200);
    assert.deepEqual(
      loud.lines.filter((l) => l.msg === "request").map((l) => [l.path, l.status, l.level, l.probe]),
      [
        ["/health", 200, "debug", true],
        ["/ready", 200, "debug", true],
      ],
    );
  });

  it("counts probes in http_requests_total without timing them; every other request is counted and timed", async () => {
    const { handler, metrics } = appAt("silent");
    for (let i = 0; i < 3; i++) await request(handler).get("/health").expect(200);
    await request(handler).get("/api/version").expect(200);
    const text = await metrics.registry.metrics();
    assert.match(text, /^http_requests_total\{method="GET",route="\/health",status="200"\} 3$/m);
    assert.doesNotMatch(text, /^http_request_duration_seconds_count\{[^}]*route="\/health"/m);
    assert.match(text, /^http_requests_total\{method="GET",route="\/api\/version",status="200"\} 1$/m);
    assert.match(text, /^http_request_duration_seconds_count\{method="GET",route="\/api\/version",status="200"\} 1$/m);
  });
});
