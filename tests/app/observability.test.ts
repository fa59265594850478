import assert from "node:assert/strict";
import request from "supertest";
import { Writable } from "node:stream";
import { createApp } from "../../app/src/app";
import { loadConfig } from "../../app/src/config";
import { Lifecycle } from "../../app/src/lifecycle";
import { createLogger } from "../../app/src/logger";
import { createMetrics } from "../../app/src/metrics";
import { startTestServer, type TestServer } from "../support/appServer";

describe("app: request ids, logs, headers and metrics", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it("echoes an incoming X-Request-Id and logs one JSON line with it", async () => {
    const res = await request(server.baseUrl).get("/api/version").set("X-Request-Id", "trace-42.a:b").expect(200);
    assert.equal(res.headers["x-request-id"], "trace-42.a:b");
    const lines = server.logLines().filter((line) => line.requestId === "trace-42.a:b");
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line.msg, "request");
    assert.equal(line.level, "info");
    assert.equal(line.method, "GET");
    assert.equal(line.path, "/api/version");
    assert.equal(line.route, "/api/version");
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, "number");
    assert.ok(!Number.isNaN(Date.parse(String(line.time))));
  });

  it("generates a request id when none (or an unsafe one) is sent", async () => {
    const plain = await request(server.baseUrl).get("/health").expect(200);
    assert.match(plain.headers["x-request-id"], /^[0-9a-f-]{36}$/);
    const unsafe = await request(server.baseUrl).get("/health").set("X-Request-Id", "<script>").expect(200);
    assert.match(unsafe.headers["x-request-id"], /^[0-9a-f-]{36}$/);
    assert.notEqual(plain.headers["x-request-id"], unsafe.headers["x-request-id"]);
  });

  it("sets security headers on every answer", async () => {
    for (const path of ["/", "/health", "/nowhere"]) {
      const res = await request(server.baseUrl).get(path);
      assert.equal(res.headers["x-content-type-options"], "nosniff", path);
      assert.equal(res.headers["x-frame-options"], "SAMEORIGIN", path);
      assert.match(res.headers["content-security-policy"], /default-src 'self'/, path);
      assert.match(res.headers["content-security-policy"], /script-src 'self'/, path);
      assert.equal(res.headers["x-powered-by"], undefined, path);
    }
  });

  it("serves Prometheus text with request counts and latency by route and status", async () => {
    await request(server.baseUrl).get("/api/version").expect(200);
    await request(server.baseUrl).get("/api/v1/items/nope").expect(404);
    const res = await request(server.baseUrl)
      .get("/metrics")
      .expect(200)
      .expect("Content-Type", /text\/plain/);
    assert.match(res.text, /^http_requests_total\{method="GET",route="\/api\/version",status="200"\} \d+$/m);
    assert.match(res.text, /^http_requests_total\{method="GET",route="\/api\/v1\/items\/:id",status="404"\} 1$/m);
    assert.match(
      res.text,
      /^http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/version",status="200"\} \d+$/m,
    );
    assert.match(res.text, /^process_resident_memory_bytes \d+/m);
    assert.match(res.text, /^nodejs_eventloop_lag_seconds /m);
  });

  it("never shows a stack trace: a failure answers a generic 500 and is logged with its stack", async () => {
    const logged: string[] = [];
    const metrics = createMetrics();
    metrics.registry.metrics = () => Promise.reject(new Error("registry exploded at /srv/secret/path.ts:12"));
    const app = createApp({
      config: loadConfig({}),
      logger: createLogger(
        "info",
        new Writable({ write: (chunk, _enc, done) => done(void logged.push(String(chunk))) }),
      ),
      metrics,
      lifecycle: new Lifecycle(),
    });
    const res = await request(app.callback()).get("/metrics").set("X-Request-Id", "boom-1").expect(500);
    assert.deepEqual(res.body, { error: { status: 500, message: "Internal Server Error" } });
    assert.doesNotMatch(res.text, /exploded|secret|\.ts/);
    const errorLine = logged.map((line) => JSON.parse(line)).find((line) => line.msg === "request failed");
    assert.equal(errorLine.requestId, "boom-1");
    assert.match(errorLine.err.stack, /registry exploded/);
  });
});
