import assert from "node:assert/strict";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { RenderDeployError } from "../../../components/render/deployWait";
import { RENDER_SERVICE_TYPE, type RenderServiceOutputs } from "../../../components/render/serviceState";
import { FakeRenderApi } from "../../support/fakeRender/fakeRenderApi";
import {
  pluginProvider,
  providerLogs,
  SERVICE_URN,
  serviceProvider as provider,
} from "../../support/fakeRender/serviceProviderCalls";
import { serviceInputs } from "../../support/fakeRender/renderFixtures";

describe("RenderService provider against the fake Render API", () => {
  let fake: FakeRenderApi;
  beforeEach(async () => {
    fake = await new FakeRenderApi().start();
  });
  afterEach(() => fake.stop());

  it("creates the service, sets its env, deploys the exact digest and waits until it is live", async () => {
    const inputs = serviceInputs(fake, { customDomain: "shop.example.com" });
    const { id, outs } = await provider.create(inputs);
    const service = fake.services.get(id)!;
    assert.equal(service.name, "shop-api-staging");
    assert.equal(service.imagePath, inputs.image);
    assert.equal(service.serviceDetails.plan, "starter");
    assert.equal(service.serviceDetails.region, "frankfurt");
    assert.equal(service.serviceDetails.healthCheckPath, "/health");
    assert.deepEqual(fake.envVars.get(id), [
      { key: "PORT", value: "3000" },
      { key: "ENVIRONMENT", value: "staging" },
      { key: "API_TOKEN", value: "tok-render-1" },
    ]);
    assert.deepEqual(
      fake.domains.get(id)?.map((d) => d.name),
      ["shop.example.com"],
    );
    const deploys = fake.deploys.get(id)!;
    const last = deploys[deploys.length - 1];
    assert.equal(last.status, "live");
    assert.equal(last.image?.ref, inputs.image);
    assert.equal((outs as RenderServiceOutputs).deployStatus, "live");
    assert.equal((outs as RenderServiceOutputs).url, service.serviceDetails.url);
  });

  it("waits on the deploy Render started when it created the service, and starts no other", async () => {
    const { id, outs } = await provider.create(serviceInputs(fake));
    assert.equal(fake.count("POST", /\/deploys$/), 0, "no second deploy");
    assert.equal((outs as RenderServiceOutputs).deployId, fake.deploys.get(id)![0].id);
    assert.equal((outs as RenderServiceOutputs).deployStatus, "live");
  });

  it("waits on the queued deploy when Render answers a deploy trigger 202 with no body", async () => {
    const queuing = await new FakeRenderApi({ deployAnswers: "queued" }).start();
    try {
      const { id, outs } = await provider.create(serviceInputs(queuing));
      const image = `ghcr.io/acme/skyport-app@sha256:${"c".repeat(64)}`;
      const { outs: updated } = await provider.update(id, outs, serviceInputs(queuing, { image }));
      const newest = queuing.deploys.get(id)!.at(-1)!;
      assert.equal(newest.image?.ref, image);
      assert.equal(newest.status, "live");
      assert.equal((updated as RenderServiceOutputs).deployId, newest.id);
    } finally {
      await queuing.stop();
    }
  });

  it("reads back the image path Render rewrote as the same image: a refresh finds no change", async () => {
    const image = `acme/skyport-app@sha256:${"d".repeat(64)}`;
    const inputs = serviceInputs(fake, { image });
    const { id, outs } = await provider.create(inputs);
    assert.equal(fake.services.get(id)!.imagePath, `docker.io/${image}`, "Render adds the registry");
    const read = await provider.read(id, outs);
    assert.equal(read.props?.image, image);
    assert.equal((await provider.diff(id, read.props, inputs)).changes, false);
  });

  it("never adopts a cron job or private service that has the service's name", async () => {
    const cron = fake.addOtherService("shop-api-staging", "tea-c0ffee123", "cron_job");
    const { id } = await provider.create(serviceInputs(fake));
    assert.notEqual(id, cron.id);
    assert.equal(fake.services.get(id)!.type, "web_service");
  });

  it("sees an instance count changed in Render's dashboard, but not the autoscaler's own changes", async () => {
    const inputs = serviceInputs(fake);
    const { id, outs } = await provider.create(inputs);
    fake.services.get(id)!.serviceDetails.numInstances = 3;
    const drifted = await provider.read(id, outs);
    assert.equal(drifted.props?.numInstances, 3);
    assert.equal((await provider.diff(id, drifted.props, inputs)).changes, true);

    const scaling = serviceInputs(fake, { name: "shop-api-scaling", autoscaling: { min: 1, max: 4, cpuPercent: 70 } });
    const created = await provider.create(scaling);
    fake.services.get(created.id)!.serviceDetails.numInstances = 4;
    const read = await provider.read(created.id, created.outs);
    assert.equal((await provider.diff(created.id, read.props, scaling)).changes, false);
  });

  it("turns autoscaling on from the scaling bounds, and back to a fixed count", async () => {
    const withScaling = serviceInputs(fake, { numInstances: 2, autoscaling: { min: 2, max: 5, cpuPercent: 60 } });
    const { id, outs } = await provider.create(withScaling);
    assert.deepEqual(fake.services.get(id)!.serviceDetails.autoscaling, {
      enabled: true,
      min: 2,
      max: 5,
      criteria: { cpu: { enabled: true, percentage: 60 }, memory: { enabled: false, percentage: 80 } },
    });
    const fixed = serviceInputs(fake, { numInstances: 3 });
    await provider.update(id, outs, fixed);
    assert.equal(fake.services.get(id)!.serviceDetails.autoscaling, undefined);
    assert.equal(fake.services.get(id)!.serviceDetails.numInstances, 3);
  });

  it("keeps private registry credentials in Render and points the image at them", async () => {
    const inputs = serviceInputs(fake, { registry: { registry: "GITHUB", username: "bot", authToken: "ghp-x" } });
    const { id, outs } = await provider.create(inputs);
    const credentialId = (outs as RenderServiceOutputs).registryCredentialId!;
    assert.equal(fake.credentials.get(credentialId)?.username, "bot");
    await provider.update(id, outs, serviceInputs(fake));
    assert.equal(fake.credentials.size, 0, "dropping registryAuth deletes the credential");
  });

  it("ends in exactly one service after a burst of 429s, telling each wait to the service's log", async () => {
    providerLogs.length = 0;
    fake.inject({ status: 429, times: 4, headers: { "Ratelimit-Reset": "0" } });
    await provider.create(serviceInputs(fake));
    assert.equal(fake.services.size, 1);
    assert.ok(fake.requests.filter((r) => r.status === 429).length === 4);
    assert.equal(providerLogs.length, 4);
    for (const { urn, message } of providerLogs) {
      assert.equal(urn, SERVICE_URN);
      assert.match(message, /^Render API [\w-]+ is rate limited \(.*\): waiting 0 s until it resets$/);
    }
  });

  it("adopts the service an earlier create made when that create answered 500", async () => {
    fake.inject({ method: "POST", path: /^\/services$/, status: 500, afterHandling: true });
    const { id } = await provider.create(serviceInputs(fake));
    assert.equal(fake.services.size, 1);
    assert.equal(fake.count("POST", /^\/services$/), 1);
    assert.ok(fake.services.has(id));
  });

  it("adopts a service of the same name and owner left by a timed-out earlier run", async () => {
    const first = await provider.create(serviceInputs(fake));
    const second = await provider.create(serviceInputs(fake, { plan: "standard" }));
    assert.equal(second.id, first.id);
    assert.equal(fake.services.size, 1);
    assert.equal(fake.services.get(first.id)!.serviceDetails.plan, "standard");
  });

  it("reports a failed deploy with its status", async () => {
    fake.failNextDeploy("update_failed");
    fake.failNextDeploy("update_failed");
    await assert.rejects(provider.create(serviceInputs(fake)), (err: unknown) => {
      assert.ok(err instanceof RenderDeployError);
      assert.equal(err.status, "update_failed");
      assert.match(
        err.message,
        /^Render deploy dep-[\w-]+ of ghcr\.io\/acme\/skyport-app@sha256:a{64} ended with status update_failed$/,
      );
      return true;
    });
  });

  it("gives up waiting for a deploy after the time limit", async () => {
    fake.updateReads = 1000;
    const inputs = serviceInputs(fake);
    inputs.connection = { ...inputs.connection, deployTimeoutSeconds: 0.05, deployPollSeconds: 0.2 };
    await assert.rejects(provider.create(inputs), /was still \w+ after 0.05 s$/);
  });

  it("refreshes what was changed outside Pulumi", async () => {
    const inputs = serviceInputs(fake);
    const { id, outs } = await provider.create(inputs);
    const service = fake.services.get(id)!;
    service.serviceDetails.plan = "pro";
    fake.envVars.set(id, [...fake.envVars.get(id)!, { key: "ADDED_BY_HAND", value: "1" }]);
    const read = await provider.read(id, outs);
    assert.equal(read.id, id);
    assert.equal(read.props?.plan, "pro");
    assert.deepEqual(read.props?.envVars, { PORT: "3000", ENVIRONMENT: "staging", ADDED_BY_HAND: "1" });
    assert.deepEqual(read.props?.secretEnvVars, { API_TOKEN: "tok-render-1" });
    const diff = await provider.diff(id, read.props, inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  it("reads a deleted service as gone", async () => {
    const { id, outs } = await provider.create(serviceInputs(fake));
    fake.services.delete(id);
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("diffs: no change for the same inputs or a new connection, replace for region or owner, update otherwise", async () => {
    const inputs = serviceInputs(fake);
    const { id, outs } = await provider.create(inputs);
    assert.deepEqual(await provider.diff(id, outs, inputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: true,
    });
    assert.equal(
      (
        await provider.diff(id, outs, {
          ...inputs,
          apiKey: "other",
          connection: { ...inputs.connection, timeoutMs: 9 },
        })
      ).changes,
      false,
    );
    assert.deepEqual((await provider.diff(id, outs, { ...inputs, region: "oregon" })).replaces, ["region"]);
    assert.deepEqual((await provider.diff(id, outs, { ...inputs, ownerId: "tea-other" })).replaces, ["ownerId"]);
    const update = await provider.diff(id, outs, {
      ...inputs,
      plan: "pro",
      image: `ghcr.io/acme/skyport-app@sha256:${"c".repeat(64)}`,
    });
    assert.deepEqual([update.changes, update.replaces], [true, []]);
  });

  it("updates in place and deploys the new digest", async () => {
    const { id, outs } = await provider.create(serviceInputs(fake));
    const image = `ghcr.io/acme/skyport-app@sha256:${"d".repeat(64)}`;
    const { outs: after } = await provider.update(
      id,
      outs,
      serviceInputs(fake, { image, plan: "standard", customDomain: "x.example.com" }),
    );
    assert.equal(fake.services.get(id)!.imagePath, image);
    assert.equal(fake.services.get(id)!.serviceDetails.plan, "standard");
    const deploys = fake.deploys.get(id)!;
    assert.equal(deploys[deploys.length - 1].image?.ref, image);
    assert.equal(deploys[deploys.length - 1].status, "live");
    assert.equal((after as RenderServiceOutputs).image, image);
    await provider.update(id, after, serviceInputs(fake, { image, plan: "standard", customDomain: "y.example.com" }));
    assert.deepEqual(
      fake.domains.get(id)?.map((d) => d.name),
      ["y.example.com"],
    );
  });

  it("deletes the service, and a service already gone counts as deleted", async () => {
    const { id, outs } = await provider.create(serviceInputs(fake));
    await provider.delete(id, outs);
    assert.equal(fake.services.size, 0);
    await provider.delete(id, outs);
    assert.equal(fake.requests[fake.requests.length - 1].status, 404);
  });

  it("reads the API key from RENDER_API_KEY when the inputs have none, and fails clearly without one", async () => {
    const { apiKey, ...withoutKey } = serviceInputs(fake);
    const saved = process.env.RENDER_API_KEY;
    try {
      process.env.RENDER_API_KEY = apiKey;
      assert.equal(fake.services.size, 0);
      await provider.create(withoutKey);
      assert.equal(fake.services.size, 1);
      delete process.env.RENDER_API_KEY;
      await assert.rejects(
        provider.create(withoutKey),
        /^Error: no Render API key: set skyport:render.apiKey with --secret, or RENDER_API_KEY$/,
      );
    } finally {
      if (saved === undefined) delete process.env.RENDER_API_KEY;
      else process.env.RENDER_API_KEY = saved;
    }
  });

  it("takes the engine's secrets wrapped, as the plugin receives them, and tells Render their values", async () => {
    const inputs = serviceInputs(fake);
    const wrapped = {
      ...inputs,
      apiKey: { [rpc.specialSigKey]: rpc.specialSecretSig, value: inputs.apiKey },
      secretEnvVars: { [rpc.specialSigKey]: rpc.specialSecretSig, value: inputs.secretEnvVars },
    };
    const { id, outs } = await provider.create(wrapped);
    assert.deepEqual(
      fake.envVars.get(id)?.find((env) => env.key === "API_TOKEN"),
      { key: "API_TOKEN", value: "tok-render-1" },
    );
    assert.equal(outs.apiKey, inputs.apiKey);
    assert.equal((await provider.diff(id, outs, wrapped)).changes, false);
  });

  it("finds no change in a service the dynamic provider deployed: the code it left in the state is no setting", async () => {
    const inputs = serviceInputs(fake);
    const { id, outs } = await provider.create(inputs);
    const migrated = { ...outs, __provider: "exports.handler = __f0; /* the serialized dynamic provider */" };
    assert.deepEqual(await provider.diff(id, migrated, inputs), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: true,
    });
    const read = await provider.read(id, migrated);
    assert.equal("__provider" in (read.props ?? {}), false);
  });

  it("serves the RenderService only, naming the type it was asked for", async () => {
    const urn = SERVICE_URN.replace(RENDER_SERVICE_TYPE, "skyport-render:index:Database");
    await assert.rejects(
      pluginProvider.create(urn, serviceInputs(fake)),
      /^Error: the skyport-render provider serves skyport-render:index:Service only, not skyport-render:index:Database$/,
    );
    assert.equal(fake.services.size, 0);
  });
});
