import assert from "node:assert/strict";
import { RENDER_SERVICE_TYPE as RENDER_SERVICE } from "../../../components/render/serviceState";
import { assertRejected } from "../../support/configProblems";
import { only, runStack, TEST_IMAGE, type TestRun } from "../../support/runStack";

function renderStack(
  app: Record<string, unknown> = {},
  render: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    "skyport:platform": "render",
    "skyport:image": TEST_IMAGE,
    "skyport:environment": "staging",
    "skyport:app": { name: "shop-api", cpu: 0.5, memory: 512, ...app },
    "skyport:render": { ownerId: "tea-c0ffee123", plan: "starter", region: "frankfurt", ...render },
    ...extra,
  };
}
const serviceInputs = (run: TestRun): any => only(run, RENDER_SERVICE).inputs;

describe("render platform", () => {
  it("is one skyport:platform:Render component around a RenderService of the skyport-render plugin, and exports its URL", async () => {
    const run = await runStack(renderStack());
    const component = only(run, "skyport:platform:Render");
    const service = only(run, RENDER_SERVICE);
    assert.equal(service.parent, component.urn);
    assert.equal("__provider" in service.inputs, false, "no provider code travels with the inputs");
    assert.equal(run.outputs.url, "https://shop-api-staging.onrender.com");
    assert.equal(component.outputs?.url, run.outputs.url);
  });

  it("passes plan, region, owner, the image by digest, the health path and a shutdown delay above the drain", async () => {
    const inputs = serviceInputs(await runStack(renderStack()));
    assert.deepEqual(
      [inputs.ownerId, inputs.name, inputs.plan, inputs.region, inputs.image, inputs.healthCheckPath],
      ["tea-c0ffee123", "shop-api-staging", "starter", "frankfurt", TEST_IMAGE, "/health"],
    );
    assert.ok(inputs.maxShutdownDelaySeconds > 10);
    assert.deepEqual(inputs.connection, { deployTimeoutSeconds: 900, deployPollSeconds: 5, rateLimitWaitSeconds: 300 });
    assert.equal(inputs.apiKey, undefined, "without apiKey the provider uses RENDER_API_KEY");
  });

  it("runs a fixed count at min = max, and autoscales on CPU when max > min", async () => {
    const fixed = serviceInputs(await runStack(renderStack({ minInstances: 2, maxInstances: 2 })));
    assert.equal(fixed.numInstances, 2);
    assert.equal(fixed.autoscaling, undefined);
    const scaling = serviceInputs(
      await runStack(renderStack({ minInstances: 1, maxInstances: 4, targetCpuPercent: 65 })),
    );
    assert.deepEqual(scaling.autoscaling, { min: 1, max: 4, cpuPercent: 65 });
  });

  it("keeps the API key, secret env and registry token secret", async () => {
    const run = await runStack(
      renderStack(
        {},
        { apiKey: "rnd_live_key_1" },
        {
          "skyport:secrets": { API_TOKEN: "tok-render-7" },
          "skyport:registryAuth": { username: "bot", password: "ghp-render-9" },
        },
      ),
      { secretKeys: ["skyport:render", "skyport:secrets", "skyport:registryAuth"] },
    );
    const service = only(run, RENDER_SERVICE);
    const inputs = service.inputs as any;
    assert.deepEqual([inputs.apiKey, inputs.secretEnvVars, inputs.registry], ["[secret]", "[secret]", "[secret]"]);
    const provider = run.providerInputsOf(service) as any;
    assert.deepEqual(provider.secretEnvVars, { API_TOKEN: "tok-render-7" });
    assert.deepEqual(provider.registry, { registry: "GITHUB", username: "bot", authToken: "ghp-render-9" });
    const everything = JSON.stringify(run.registrations.map((r) => r.inputs));
    for (const secret of ["rnd_live_key_1", "tok-render-7", "ghp-render-9"])
      assert.ok(!everything.includes(secret), secret);
  });

  it("adds the custom domain and reports it as the URL", async () => {
    const run = await runStack(renderStack({ domain: "shop.example.com" }));
    assert.equal(serviceInputs(run).customDomain, "shop.example.com");
    assert.equal(run.outputs.url, "https://shop.example.com");
  });

  describe("config checks", () => {
    const REJECTED: Array<[string, Record<string, unknown>, string]> = [
      [
        "a plan too small for the app",
        renderStack({ cpu: 1, memory: 2048 }),
        'skyport:render.plan: "starter" is not allowed; expected a plan with at least 1 vCPU and 2048 MiB (skyport:app.cpu and memory): standard, pro, pro_plus, pro_max, pro_ultra',
      ],
      [
        "an app no plan fits",
        renderStack({ cpu: 16, memory: 65536 }, { plan: "pro_ultra" }),
        'skyport:render.plan: "pro_ultra" is not allowed; expected a plan with at least 16 vCPU and 65536 MiB, which no Render plan has',
      ],
      [
        "zero instances",
        renderStack({ minInstances: 0 }),
        "skyport:app.minInstances: 0 is not allowed; expected at least 1 on render",
      ],
      [
        "a missing owner",
        { ...renderStack(), "skyport:render": { plan: "starter", region: "frankfurt" } },
        "skyport:render.ownerId is required; expected a Render owner id like tea-c0ffee123 or usr-c0ffee123",
      ],
      [
        "an unknown plan",
        renderStack({}, { plan: "free" }),
        'skyport:render.plan: "free" is not allowed; expected one of starter, standard, pro, pro_plus, pro_max, pro_ultra',
      ],
      [
        "an unknown region",
        renderStack({}, { region: "mars" }),
        'skyport:render.region: "mars" is not allowed; expected one of frankfurt, oregon, ohio, singapore, virginia',
      ],
      [
        "a registry it cannot work out",
        renderStack(
          {},
          {},
          {
            "skyport:image": `quay.io/acme/app@sha256:${"e".repeat(64)}`,
            "skyport:registryAuth": { username: "u", password: "t" },
          },
        ),
        `skyport:image: "quay.io/acme/app@sha256:${"e".repeat(64)}" is not allowed; expected with skyport:registryAuth, an image from a registry Render pulls private images from: ghcr.io, registry.gitlab.com, docker.io, <region>-docker.pkg.dev, <account>.dkr.ecr.<region>.amazonaws.com`,
      ],
      [
        "a typo in the render block",
        renderStack({}, { plna: "pro" }),
        "skyport:render.plna: unknown key; allowed keys: ownerId, plan, region, apiKey",
      ],
    ];
    for (const [what, config, expected] of REJECTED) {
      it(`rejects ${what}`, async () => {
        await assertRejected(config, expected);
      });
    }
  });
});
