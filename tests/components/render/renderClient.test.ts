import assert from "node:assert/strict";
import { RenderApiError } from "../../../components/render/api/renderApiError";
import { RenderClient } from "../../../components/render/api/renderClient";
import { FakeRenderApi } from "../../support/fakeRender/fakeRenderApi";
import { fastClientOptions } from "../../support/fakeRender/renderFixtures";
import { OpenApiValidator } from "../../support/fakeRender/openApiValidator";

const IMAGE = `ghcr.io/acme/skyport-app@sha256:${"b".repeat(64)}`;
const body = (name: string) => ({
  type: "web_service" as const,
  name,
  ownerId: "tea-c0ffee123",
  autoDeploy: "no" as const,
  image: { ownerId: "tea-c0ffee123", imagePath: IMAGE },
  envVars: [{ key: "A", value: "1" }],
  serviceDetails: {
    runtime: "image" as const,
    plan: "starter" as const,
    region: "frankfurt" as const,
    healthCheckPath: "/health",
    numInstances: 1,
    maxShutdownDelaySeconds: 15,
  },
});

async function rejection(call: Promise<unknown>): Promise<RenderApiError> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof RenderApiError, String(err));
    return err;
  }
  assert.fail("the call succeeded");
}

describe("render API client against the fake Render API", () => {
  let fake: FakeRenderApi;
  let client: RenderClient;
  beforeEach(async () => {
    fake = await new FakeRenderApi().start();
    client = new RenderClient(fastClientOptions(fake));
  });
  afterEach(() => fake.stop());

  it("creates, reads, updates and deletes a web service from an image, with bearer auth", async () => {
    const { service, deployId } = await client.createService(body("shop-api"));
    assert.match(service.id, /^srv-/);
    assert.equal(typeof deployId, "string");
    assert.equal((await client.getService(service.id)).imagePath, IMAGE);
    const updated = await client.updateService(service.id, { serviceDetails: { plan: "standard" } });
    assert.equal(updated.serviceDetails.plan, "standard");
    await client.deleteService(service.id);
    assert.equal((await rejection(client.getService(service.id))).status, 404);
    assert.ok(fake.requests.every((r) => r.authorized));
  });

  it("answers in the shapes of Render's OpenAPI document", async () => {
    const validator = new OpenApiValidator();
    const { service } = await client.createService(body("shop-api"));
    const read = await client.getService(service.id);
    // `service.serviceDetails` is a oneOf of every service type's details; a web service's are checked as such.
    assert.equal(validator.errorsWithout("/components/schemas/service", "serviceDetails", read), undefined);
    assert.equal(validator.errors("/components/schemas/webServiceDetails", read.serviceDetails), undefined);
    const deploy = await client.triggerDeploy(service.id, IMAGE);
    assert.equal(validator.errors("/components/schemas/deploy", deploy), undefined);
  });

  it("follows cursors through every page of services, env vars and domains", async () => {
    for (let i = 0; i < 105; i++) await client.createService(body("many"));
    await client.createService(body("other"));
    assert.equal((await client.findServices("many", "tea-c0ffee123")).length, 105);
    assert.equal(fake.count("GET", /^\/services$/), 2);
    const [first] = await client.findServices("other", "tea-c0ffee123");
    const vars = Array.from({ length: 130 }, (_, i) => ({ key: `K${i}`, value: String(i) }));
    await client.replaceEnvVars(first.id, vars);
    assert.deepEqual(await client.listEnvVars(first.id), vars);
  });

  it("replaces env vars, manages registry credentials and custom domains, and scales", async () => {
    const { service } = await client.createService(body("shop-api"));
    await client.replaceEnvVars(service.id, [{ key: "B", value: "2" }]);
    assert.deepEqual(await client.listEnvVars(service.id), [{ key: "B", value: "2" }]);
    const credential = await client.createRegistryCredential({
      name: "ghcr",
      registry: "GITHUB",
      username: "bot",
      authToken: "tok",
      ownerId: "tea-c0ffee123",
    });
    assert.equal(
      (
        await client.updateRegistryCredential(credential.id, {
          name: "ghcr",
          registry: "GITHUB",
          username: "bot2",
          authToken: "t2",
        })
      ).username,
      "bot2",
    );
    await client.deleteRegistryCredential(credential.id);
    await client.addCustomDomain(service.id, "shop.example.com");
    assert.deepEqual(
      (await client.listCustomDomains(service.id)).map((d) => d.name),
      ["shop.example.com"],
    );
    await client.removeCustomDomain(service.id, "shop.example.com");
    assert.deepEqual(await client.listCustomDomains(service.id), []);
    await client.scale(service.id, 3);
    assert.equal((await client.getService(service.id)).serviceDetails.numInstances, 3);
  });

  it("deploys an image by digest: 201 with the deploy, or 202 with no body when Render queues it", async () => {
    const { service } = await client.createService(body("shop-api"));
    const created = await client.triggerDeploy(service.id, IMAGE);
    assert.equal(created?.status, "update_in_progress", "an image deploy starts updating at once");
    const seen: Array<string | undefined> = [created.status];
    while (seen.at(-1) !== "live") seen.push((await client.getDeploy(service.id, created.id)).status);
    assert.deepEqual(seen, ["update_in_progress", "live"]);
    assert.equal(await client.triggerDeploy(service.id, IMAGE), undefined, "202 Queued");
    const [queued, previous] = await client.listRecentDeploys(service.id);
    assert.equal(queued.status, "queued", "the newest deploy listed is the queued one");
    assert.equal(previous.id, created.id);
  });

  it("looks up web services only: a cron job or private service of the same name is never found", async () => {
    fake.addOtherService("shop-api", "tea-c0ffee123", "cron_job");
    fake.addOtherService("shop-api", "tea-c0ffee123", "private_service");
    assert.deepEqual(await client.findServices("shop-api", "tea-c0ffee123"), []);
    const { service } = await client.createService(body("shop-api"));
    assert.deepEqual(
      (await client.findServices("shop-api", "tea-c0ffee123")).map((s) => s.id),
      [service.id],
    );
  });

  it("does not retry a 401, and its error names the operation, status and message, never the key", async () => {
    const bad = new RenderClient(fastClientOptions(fake, { apiKey: "rnd_wrong_key_123" }));
    const err = await rejection(bad.getService("srv-x"));
    assert.equal(err.status, 401);
    assert.equal(err.message, "Render API retrieve-service failed: HTTP 401: unauthorized");
    assert.equal(fake.requests.length, 1);
    assert.ok(!err.message.includes("rnd_wrong_key_123") && !err.message.includes(fake.apiKey));
    assert.ok(!JSON.stringify(err).includes(fake.apiKey));
  });

  it("does not retry a 404", async () => {
    const err = await rejection(client.getService("srv-missing"));
    assert.equal(err.status, 404);
    assert.equal(err.message, "Render API retrieve-service failed: HTTP 404: not found: srv-missing");
    assert.equal(fake.requests.length, 1);
  });

  it("retries 429s and 5xx with backoff until the call succeeds", async () => {
    const { service } = await client.createService(body("shop-api"));
    fake.inject({
      method: "GET",
      path: /^\/services\/srv-/,
      status: 429,
      times: 3,
      headers: { "Ratelimit-Reset": "0" },
    });
    fake.inject({ method: "GET", path: /^\/services\/srv-/, status: 503, times: 2 });
    assert.equal((await client.getService(service.id)).id, service.id);
    assert.equal(fake.count("GET", /^\/services\/srv-/), 6);
  });

  it("waits as long as Ratelimit-Reset says before retrying a 429, and says what it waits for", async () => {
    const waits: string[] = [];
    const patient = new RenderClient(fastClientOptions(fake), (message) => waits.push(message));
    fake.inject({
      method: "GET",
      path: /^\/services$/,
      status: 429,
      headers: { "Ratelimit-Limit": "400", "Ratelimit-Remaining": "0", "Ratelimit-Reset": "1" },
    });
    const started = Date.now();
    await patient.findServices("x", "tea-c0ffee123");
    assert.ok(Date.now() - started >= 1000, "waited for the rate limit to reset");
    assert.deepEqual(waits, [
      "Render API list-services is rate limited (400 requests per window): waiting 1 s until it resets",
    ]);
  });

  it("honours Retry-After over Ratelimit-Reset", async () => {
    const waits: string[] = [];
    const patient = new RenderClient(fastClientOptions(fake), (message) => waits.push(message));
    fake.inject({ method: "GET", status: 429, headers: { "Ratelimit-Reset": "2000", "Retry-After": "0" } });
    await patient.findServices("x", "tea-c0ffee123");
    assert.match(waits[0], /waiting 0 s/);
  });

  it("fails a 429 whose reset falls past the wait budget, naming the limit and when it resets, without waiting", async () => {
    const strict = new RenderClient(fastClientOptions(fake, { rateLimitWaitSeconds: 60 }));
    fake.inject({
      method: "POST",
      path: /^\/services$/,
      status: 429,
      headers: { "Ratelimit-Limit": "20", "Ratelimit-Remaining": "0", "Ratelimit-Reset": "2346" },
    });
    const started = Date.now();
    const err = await rejection(strict.createService(body("shop-api")));
    assert.ok(Date.now() - started < 1000, "no wait when the reset is out of reach");
    assert.equal(err.status, 429);
    assert.match(
      err.message,
      /^Render API create-service failed: HTTP 429: rate limited \(20 requests per window\); the limit resets in 2346 s, at \d{4}-\d\d-\d\dT[\d:.]+Z, past the 60 s left of skyport:render\.rateLimitWaitSeconds \(60 s\)$/,
    );
    assert.equal(fake.services.size, 0);
  });

  it("waits out a 429 on create, where Render did nothing, and creates exactly once", async () => {
    fake.inject({ method: "POST", path: /^\/services$/, status: 429, headers: { "Ratelimit-Reset": "0" } });
    await client.createService(body("shop-api"));
    assert.equal(fake.services.size, 1);
    assert.equal(fake.count("POST", /^\/services$/), 2);
  });

  it("gets rate limit headers on every answer, as Render sends them", async () => {
    const answer = await fetch(`${fake.baseUrl}/services?limit=1`, {
      headers: { Authorization: `Bearer ${fake.apiKey}` },
    });
    assert.equal(answer.headers.get("ratelimit-limit"), "400");
    assert.match(answer.headers.get("ratelimit-remaining") ?? "", /^\d+$/);
    assert.match(answer.headers.get("ratelimit-reset") ?? "", /^\d+$/);
    const create = await fetch(`${fake.baseUrl}/services`, {
      method: "POST",
      headers: { Authorization: "Bearer wrong" },
    });
    assert.equal(create.headers.get("ratelimit-limit"), "20");
    assert.deepEqual(await create.json(), { message: "unauthorized" });
  });

  it("answers 429 once a rate limit is used up, when told to enforce them", async () => {
    const strictFake = await new FakeRenderApi({ enforceRateLimits: true }).start();
    try {
      const strict = new RenderClient(fastClientOptions(strictFake, { rateLimitWaitSeconds: 0 }));
      const { service } = await strict.createService(body("shop-api"));
      for (let i = 0; i < 10; i++) await strict.scale(service.id, 1);
      const err = await rejection(strict.scale(service.id, 2));
      assert.equal(err.status, 429);
      assert.match(err.message, /rate limited \(10 requests per window\); the limit resets in \d+ s/);
    } finally {
      await strictFake.stop();
    }
  });

  it("gives up after its attempts with the last error", async () => {
    fake.inject({ path: /^\/services$/, status: 500, times: 10 });
    const err = await rejection(client.findServices("x", "tea-c0ffee123"));
    assert.equal(err.status, 500);
    assert.equal(fake.count("GET", /^\/services$/), 6);
  });

  it("times out a slow answer and tries again", async () => {
    const quick = new RenderClient(fastClientOptions(fake, { timeoutMs: 100 }));
    fake.inject({ path: /^\/services$/, status: 200, delayMs: 400 });
    assert.deepEqual(await quick.findServices("x", "tea-c0ffee123"), []);
  });

  it("reports a slow answer that never speeds up as no answer within the time limit", async () => {
    const quick = new RenderClient(fastClientOptions(fake, { timeoutMs: 50, maxAttempts: 2 }));
    fake.inject({ path: /^\/services$/, status: 200, delayMs: 300, times: 2 });
    const err = await rejection(quick.findServices("x", "tea-c0ffee123"));
    assert.equal(err.status, 0);
    assert.equal(err.message, "Render API list-services failed: no answer: no answer within 50 ms");
  });

  it("retries network errors and reports one when the API stays unreachable", async () => {
    await fake.stop();
    const err = await rejection(new RenderClient(fastClientOptions(fake, { maxAttempts: 3 })).getService("srv-x"));
    assert.equal(err.status, 0);
    assert.match(err.message, /^Render API retrieve-service failed: no answer: network error$/);
  });

  it("never retries a create, whose body the fake checks against the OpenAPI schema", async () => {
    fake.inject({ method: "POST", path: /^\/services$/, status: 500 });
    assert.equal((await rejection(client.createService(body("shop-api")))).status, 500);
    assert.equal(fake.count("POST", /^\/services$/), 1);
    const invalid = { ...body("shop-api"), serviceDetails: { ...body("shop-api").serviceDetails, plan: "huge" } };
    const err = await rejection(client.createService(invalid as never));
    assert.equal(err.status, 400);
    assert.match(err.renderMessage, /plan/);
  });
});
