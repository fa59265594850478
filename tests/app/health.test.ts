import assert from "node:assert/strict";
import request from "supertest";
import { createApp } from "../../app/src/app";
import { loadConfig } from "../../app/src/config";
import { Lifecycle } from "../../app/src/lifecycle";
import { createLogger } from "../../app/src/logger";
import { createMetrics } from "../../app/src/metrics";
import { startTestServer, type TestServer } from "../support/appServer";

describe("app: health, readiness and version", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      APP_VERSION: "1.4.2",
      GIT_COMMIT: "0123abc",
      ENVIRONMENT: "staging",
      PLATFORM: "kubernetes",
    });
  });
  after(() => server.stop());

  it("GET /health answers status and uptime", async () => {
    const res = await request(server.baseUrl).get("/health").expect(200).expect("Content-Type", /json/);
    assert.equal(res.body.status, "ok");
    assert.equal(typeof res.body.uptime, "number");
    assert.ok(res.body.uptime >= 0);
  });

  it("GET /ready answers 200 once the server listens", async () => {
    const res = await request(server.baseUrl).get("/ready").expect(200);
    assert.deepEqual(res.body, { status: "ready" });
  });

  it("GET /api/version reports the release from the environment", async () => {
    const res = await request(server.baseUrl).get("/api/version").expect(200);
    assert.deepEqual(res.body, {
      version: "1.4.2",
      commit: "0123abc",
      environment: "staging",
      platform: "kubernetes",
      node: process.version,
    });
  });

  it("answers 405 for a known path with the wrong method", async () => {
    const res = await request(server.baseUrl).delete("/health").expect(405);
    assert.deepEqual(res.body, {
      error: { status: 405, message: "DELETE is not allowed on /health; allowed: GET, HEAD" },
    });
    assert.equal(res.headers.allow, "GET, HEAD");
  });

  it("answers a JSON 404 for an unknown route", async () => {
    const res = await request(server.baseUrl).get("/nowhere").expect(404).expect("Content-Type", /json/);
    assert.deepEqual(res.body, { error: { status: 404, message: "no route for GET /nowhere" } });
  });
});

describe("app: readiness follows the lifecycle", () => {
  const lifecycle = new Lifecycle();
  const app = createApp({
    config: loadConfig({}),
    logger: createLogger("silent"),
    metrics: createMetrics(),
    lifecycle,
  });

  it("answers 503 while starting, 200 when ready, 503 while draining; /health stays 200", async () => {
    assert.deepEqual((await request(app.callback()).get("/ready").expect(503)).body, { status: "starting" });
    lifecycle.markReady();
    assert.deepEqual((await request(app.callback()).get("/ready").expect(200)).body, { status: "ready" });
    lifecycle.markDraining();
    assert.deepEqual((await request(app.callback()).get("/ready").expect(503)).body, { status: "draining" });
    await request(app.callback()).get("/health").expect(200);
  });

  it("asks clients to close keep-alive connections while draining", async () => {
    const res = await request(app.callback()).get("/health").expect(200);
    assert.equal(res.headers.connection, "close");
  });
});
