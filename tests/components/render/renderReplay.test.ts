import assert from "node:assert/strict";
import { RenderClient } from "../../../components/render/api/renderClient";
import type { RenderServiceOutputs } from "../../../components/render/serviceState";
import { FakeRenderApi } from "../../support/fakeRender/fakeRenderApi";
import { serviceProvider as provider } from "../../support/fakeRender/serviceProviderCalls";
import { serviceInputs } from "../../support/fakeRender/renderFixtures";
import {
  endpointOf,
  readRecordedSessions,
  type RecordedInteraction,
  RenderReplay,
} from "../../support/fakeRender/replayServer";

const sessions = readRecordedSessions();
const session = (name: string) => sessions.interactions.filter((i) => i.cassette.includes(`/${name}_cassette.yaml`));

/** Every key path of a JSON value with its JSON type; array items as `[]`. */
function shapeOf(value: unknown, path = ""): Map<string, string> {
  const shape = new Map<string, string>();
  const type = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  shape.set(path || "(root)", type);
  if (Array.isArray(value)) {
    for (const item of value) for (const [key, inner] of shapeOf(item, `${path}[]`)) shape.set(key, inner);
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      for (const [innerKey, innerType] of shapeOf(inner, path ? `${path}.${key}` : key)) shape.set(innerKey, innerType);
    }
  }
  return shape;
}

/** The request bodies Render received at an endpoint, across every recorded session. */
function receivedAt(endpoint: string): RecordedInteraction[] {
  return sessions.interactions.filter((i) => endpointOf(i.method, i.path) === endpoint && i.requestBody !== null);
}

/**
 * Ours has the shape Render received: each of `paths` is in both with the same JSON type, and
 * no key we send has a type Render was never sent at that key.
 */
function assertShapeLikeRecorded(ours: unknown, endpoint: string, paths: string[]): void {
  const recorded = receivedAt(endpoint).map((i) => shapeOf(i.requestBody));
  assert.ok(recorded.length > 0, `Render received no body at ${endpoint} in the recordings`);
  const mine = shapeOf(ours);
  for (const path of paths) {
    assert.ok(mine.has(path), `we send no ${path} to ${endpoint}`);
    assert.ok(
      recorded.some((shape) => shape.get(path) === mine.get(path)),
      `${endpoint} ${path}: we send ${mine.get(path)}, Render received ${recorded.map((s) => s.get(path)).join(" or ")}`,
    );
  }
  for (const [path, type] of mine) {
    const seen = recorded.map((shape) => shape.get(path)).filter(Boolean);
    if (seen.length > 0)
      assert.ok(seen.includes(type), `${endpoint} ${path}: we send ${type}, Render received ${seen[0]}`);
  }
}

describe("Render, replayed from recorded sessions of Render's real API", () => {
  it("vendors the recordings with their source: render-oss/terraform-provider-render at a named commit", () => {
    assert.equal(sessions.source.repo, "github.com/render-oss/terraform-provider-render");
    assert.match(String(sessions.source.commit), /^[0-9a-f]{40}$/);
    assert.ok(sessions.interactions.length > 100);
  });

  it("shows the behaviours the fake copies: rate limit headers everywhere, deployId on create, rewritten image paths, {message} errors", () => {
    for (const i of sessions.interactions) {
      assert.match(i.headers["ratelimit-limit"] ?? "", /^\d+$/, `${i.method} ${i.path}`);
      assert.match(i.headers["ratelimit-reset"] ?? "", /^\d+$/, `${i.method} ${i.path}`);
      if (i.status >= 400) assert.deepEqual(Object.keys(i.responseBody as object), ["message"]);
    }
    const creates = sessions.interactions.filter((i) => endpointOf(i.method, i.path) === "POST /services");
    for (const create of creates) assert.match((create.responseBody as { deployId: string }).deployId, /^dep-/);
    const fromNginx = creates.find(
      (i) => (i.requestBody as { image: { imagePath: string } }).image.imagePath === "nginx",
    );
    assert.equal(
      (fromNginx?.responseBody as { service: { imagePath: string } }).service.imagePath,
      "docker.io/library/nginx:latest",
    );
  });

  it("the fake answers errors and rate limit headers in the same shapes", async () => {
    const fake = await new FakeRenderApi().start();
    try {
      const answer = await fetch(`${fake.baseUrl}/services/srv-nothere`, {
        headers: { Authorization: `Bearer ${fake.apiKey}` },
      });
      assert.equal(answer.status, 404);
      assert.deepEqual(Object.keys((await answer.json()) as object), ["message"]);
      for (const header of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) {
        assert.match(answer.headers.get(header) ?? "", /^\d+$/, header);
      }
    } finally {
      await fake.stop();
    }
  });

  describe("the client, through the image web service's session", () => {
    let replay: RenderReplay;
    let client: RenderClient;
    before(async () => {
      replay = await new RenderReplay(session("web_service_image")).start();
      client = new RenderClient({ apiKey: "rnd_replay", baseUrl: replay.baseUrl, maxAttempts: 1 });
    });
    after(() => replay.stop());

    it("creates a service with a body shaped as Render received, and reads its id, deploy and rewritten image", async () => {
      const { service, deployId } = await client.createService({
        type: "web_service",
        name: "web-service-image-tf",
        ownerId: "some-owner-id",
        autoDeploy: "no",
        image: { ownerId: "some-owner-id", imagePath: "nginx" },
        envVars: [{ key: "A", value: "1" }],
        serviceDetails: {
          runtime: "image",
          plan: "starter",
          region: "oregon",
          healthCheckPath: "/health",
          numInstances: 1,
          maxShutdownDelaySeconds: 15,
        },
      });
      assert.equal(service.id, "srv-ct6vmvdj0q5s700ckfv0");
      assert.equal(deployId, "dep-ct6vmvlj0q5s700ckg00");
      assert.equal(service.imagePath, "docker.io/library/nginx:latest");
      assertShapeLikeRecorded(replay.sent("POST /services")[0].body, "POST /services", [
        "type",
        "name",
        "ownerId",
        "image.imagePath",
        "envVars",
        "serviceDetails.runtime",
        "serviceDetails.plan",
        "serviceDetails.region",
        "serviceDetails.numInstances",
        "serviceDetails.healthCheckPath",
      ]);
    });

    it("finds it again by name, owner and type, as Render was asked", async () => {
      const [found] = await client.findServices("web-service-image-tf", "some-owner-id");
      assert.equal(found.id, "srv-ct6vmvdj0q5s700ckfv0");
      const recorded = receivedAt("GET /services").concat(
        sessions.interactions.filter((i) => endpointOf(i.method, i.path) === "GET /services"),
      )[0];
      const asked = replay.sent("GET /services")[0].query;
      for (const key of Object.keys(recorded.query)) assert.deepEqual(asked[key], recorded.query[key], key);
    });

    it("updates the image with a PATCH shaped as Render received, and triggers a deploy it reads the answer of", async () => {
      const updated = await client.updateService("srv-ct6vmvdj0q5s700ckfv0", {
        name: "web-service-image-tf",
        image: { ownerId: "some-owner-id", imagePath: "docker.io/library/nginx:stable-perl" },
        serviceDetails: { plan: "starter", healthCheckPath: "/health" },
      });
      assert.equal(updated.imagePath, "docker.io/library/nginx:stable-perl");
      assertShapeLikeRecorded(replay.sent("PATCH /services/{id}")[0].body, "PATCH /services/{id}", [
        "name",
        "image.imagePath",
        "serviceDetails.plan",
        "serviceDetails.healthCheckPath",
      ]);
      const deploy = await client.triggerDeploy("srv-ct6vmvdj0q5s700ckfv0", "docker.io/library/nginx:stable-perl");
      assert.equal(deploy?.id, "dep-ct6vn15j0q5s700ckg2g");
      assert.equal(deploy?.status, "update_in_progress");
      assert.equal(deploy?.image?.ref, "docker.io/library/nginx:stable-perl");
      assertShapeLikeRecorded(replay.sent("POST /services/{id}/deploys")[0].body, "POST /services/{id}/deploys", []);
    });

    it("deletes it, reading Render's 204", async () => {
      await client.deleteService("srv-ct6vmvdj0q5s700ckfv0");
      assert.equal(replay.sent("DELETE /services/{id}").length, 1);
    });
  });

  it("replaces env vars with a body shaped as Render received, and reads Render's answer", async () => {
    const replay = await new RenderReplay(session("env_var")).start();
    try {
      const client = new RenderClient({ apiKey: "rnd_replay", baseUrl: replay.baseUrl, maxAttempts: 1 });
      await client.replaceEnvVars("srv-ct6vn35j0q5s700ckga0", [{ key: "foo", value: "bar" }]);
      assertShapeLikeRecorded(replay.sent("PUT /services/{id}/env-vars")[0].body, "PUT /services/{id}/env-vars", [
        "[].key",
        "[].value",
      ]);
      assert.deepEqual(await client.listEnvVars("srv-ct6vn35j0q5s700ckga0"), []);
    } finally {
      await replay.stop();
    }
  });

  it("creates with autoscaling in the body, shaped as Render received, and removes it with Render's 204", async () => {
    const replay = await new RenderReplay(session("web_service_autoscaling")).start();
    try {
      const inputs = serviceInputs({ baseUrl: replay.baseUrl, apiKey: "rnd_replay" } as FakeRenderApi, {
        name: "web-service-autoscaling-tf",
        ownerId: "tea-c0ffee123",
        image: "docker.io/library/redis:latest",
        numInstances: 1,
        autoscaling: { min: 1, max: 3, cpuPercent: 60 },
      });
      await provider.create(inputs);
      assertShapeLikeRecorded(replay.sent("POST /services")[0].body, "POST /services", [
        "serviceDetails.autoscaling.enabled",
        "serviceDetails.autoscaling.min",
        "serviceDetails.autoscaling.max",
        "serviceDetails.autoscaling.criteria.cpu.enabled",
        "serviceDetails.autoscaling.criteria.cpu.percentage",
      ]);
      await new RenderClient({ apiKey: "rnd_replay", baseUrl: replay.baseUrl }).removeAutoscaling("srv-x");
      assert.equal(replay.sent("DELETE /services/{id}/autoscaling").length, 1);
    } finally {
      await replay.stop();
    }
  });

  it("drives the provider through create, read, update and delete against the image web service's session", async () => {
    const replay = await new RenderReplay(session("web_service_image")).start();
    try {
      const inputs = serviceInputs({ baseUrl: replay.baseUrl, apiKey: "rnd_replay" } as FakeRenderApi, {
        name: "web-service-image-tf",
        ownerId: "some-owner-id",
        region: "oregon",
        healthCheckPath: "",
        image: "nginx",
        envVars: {},
        secretEnvVars: {},
      });
      const { id, outs } = await provider.create(inputs);
      assert.equal(id, "srv-ct6vmvdj0q5s700ckfv0");
      assert.equal(replay.sent("POST /services/{id}/deploys").length, 0, "create waits on Render's own deploy");
      assert.equal((outs as RenderServiceOutputs).deployId, "dep-ct6vmvlj0q5s700ckg00");
      assert.equal((outs as RenderServiceOutputs).url, "https://web-service-image-tf.localhost.onrender.com:9443");

      const read = await provider.read(id, outs);
      assert.equal(read.props?.image, "nginx", "docker.io/library/nginx:latest is the image asked for");
      const diff = await provider.diff(id, read.props, inputs);
      assert.equal(
        diff.changes,
        false,
        `no change on refresh: ${JSON.stringify({ ...read.props, apiKey: undefined })}`,
      );

      const perl = { ...inputs, image: "docker.io/library/nginx:stable-perl" };
      const { outs: updated } = await provider.update(id, read.props, perl);
      assert.equal((updated as RenderServiceOutputs).deployId, "dep-ct6vn15j0q5s700ckg2g");
      assert.equal(
        (replay.sent("PATCH /services/{id}")[0].body as { image: { imagePath: string } }).image.imagePath,
        "docker.io/library/nginx:stable-perl",
      );
      await provider.delete(id, updated);
      assert.equal(replay.sent("DELETE /services/{id}").length, 1);
      assert.deepEqual(
        replay.requests.filter((r) => r.endpoint.startsWith("GET /services?") || r.endpoint === "GET /services")[0]
          .query.type,
        ["web_service"],
      );
    } finally {
      await replay.stop();
    }
  });
});
