import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RenderEnvVar, RenderService } from "../../components/render/api/types";
import { RENDER_SERVICE_TYPE } from "../../components/render/serviceState";
import { readStackPreview } from "../../tools/lib/report/previewDocument";
import { renderComment } from "../../tools/lib/report/renderComment";
import { EngineProject } from "../support/engine/engineProject";
import { pulumiOnPath } from "../support/engine/pulumiOnPath";
import { FakeRenderApi } from "../support/fakeRender/fakeRenderApi";
import { tierNeedingTool } from "../support/tierNotices";

const cli = pulumiOnPath();

/** tests/fixtures/render/dynamic-provider-state.json: a stack the dynamic provider deployed. */
interface DynamicProviderStack {
  baseUrl: string;
  apiKey: string;
  secretToken: string;
  serviceId: string;
  service: RenderService;
  envVars: RenderEnvVar[];
  state: { deployment: { secrets_providers: unknown; resources: Array<{ type: string; id?: string }> } };
}

const recorded = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "render", "dynamic-provider-state.json"), "utf8"),
) as DynamicProviderStack;

tierNeedingTool(
  "engine tier: a Render stack the dynamic provider deployed, moving to the skyport-render plugin",
  cli.found ? undefined : `no pulumi CLI on PATH (${cli.reason}); see "Tests, in tiers" in docs/DEVELOPMENT.md`,
  () => {
    describe("engine tier: a Render stack the dynamic provider deployed, moving to the skyport-render plugin", function () {
      this.timeout(180_000);
      let fake: FakeRenderApi;
      let engine: EngineProject;

      before(async () => {
        fake = await new FakeRenderApi({ apiKey: recorded.apiKey }).start();
        fake.services.set(recorded.serviceId, structuredClone(recorded.service));
        fake.envVars.set(recorded.serviceId, structuredClone(recorded.envVars));
        engine = new EngineProject();
        await engine.initRenderStaging(fake);
        await engine.setConfig("staging", "skyport:secrets.API_TOKEN", recorded.secretToken, { secret: true });
        // The recorded secrets are in plain text; the import encrypts them with this stack's key.
        const salt = /encryptionsalt: (\S+)/.exec(readFileSync(engine.stackFile("staging"), "utf8"))?.[1];
        const state = structuredClone(recorded.state);
        state.deployment.secrets_providers = { type: "passphrase", state: { salt } };
        const file = join(engine.dir, "..", "dynamic-provider-state.json");
        writeFileSync(file, JSON.stringify(state).split(recorded.baseUrl).join(fake.baseUrl));
        await engine.must(["stack", "import", "--stack", "staging", "--file", file]);
      });
      after(async () => {
        engine?.dispose();
        await fake?.stop();
      });

      it("starts from the dynamic provider's state: its type, its code and its default provider", async () => {
        const state = await engine.exportStack("staging");
        assert.match(state, /"type": "pulumi-nodejs:dynamic\/render:Service"/);
        assert.match(state, /"__provider"/);
        assert.match(state, /"type": "pulumi:providers:pulumi-nodejs"/);
        assert.ok(!state.includes(recorded.apiKey) && !state.includes(recorded.secretToken), "a secret in plain text");
      });

      it("previews the move as no change at all, and the PR comment shows nothing to review", async () => {
        const preview = await engine.preview({ stack: "staging" });
        assert.equal(preview.exitCode, 0, preview.stderr);
        const document = readFileSync(preview.documentPath, "utf8");
        const steps = (JSON.parse(document) as { steps: Array<{ op: string }> }).steps;
        assert.deepEqual(
          steps.map((step) => step.op),
          ["same"],
        );
        const parsed = readStackPreview("staging", document, "render", readFileSync(preview.eventsPath, "utf8"));
        assert.equal(parsed.kind, "preview");
        assert.match(renderComment([parsed]), /\| `staging` \| render \| 0 \| 0 \| 0 \| 0 \| ✅ no changes \|/);
      });

      it("moves the service to the plugin with pulumi up: the same service, unchanged, and no new deploy", async () => {
        const deploysBefore = fake.deploys.get(recorded.serviceId)?.length ?? 0;
        const up = await engine.up("staging");
        assert.equal(up.exitCode, 0, up.stderr + up.stdout);
        assert.match(up.stdout, /3 unchanged/);
        assert.deepEqual([...fake.services.keys()], [recorded.serviceId]);
        assert.equal(fake.deploys.get(recorded.serviceId)?.length ?? 0, deploysBefore, "the move deploys nothing");
        const resources = (JSON.parse(await engine.exportStack("staging")) as DynamicProviderStack["state"]).deployment
          .resources;
        const service = resources.find((resource) => resource.type === RENDER_SERVICE_TYPE);
        assert.equal(service?.id, recorded.serviceId);
        const types = resources.map((resource) => resource.type);
        assert.ok(!types.some((type) => type.includes("pulumi-nodejs")), types.join(", "));
        assert.ok(types.includes("pulumi:providers:skyport-render"), types.join(", "));
      });

      it("then finds no drift, and a refresh drops the code the dynamic provider left", async () => {
        const check = await engine.pulumi([
          "preview",
          "--stack",
          "staging",
          "--refresh",
          "--expect-no-changes",
          "--json",
        ]);
        assert.equal(check.exitCode, 0, check.stderr);
        await engine.must(["refresh", "--stack", "staging", "--yes"]);
        assert.doesNotMatch(await engine.exportStack("staging"), /__provider/);
      });
    });
  },
);
