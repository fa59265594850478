import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deployStack, type DeployOptions } from "../../tools/lib/deploy/deployStack";
import { planDeploy } from "../../tools/lib/deploy/planDeploy";
import { GOOD_COMMIT_TAG, GOOD_IMAGE_TAG } from "../../tools/lib/deploy/stackState";
import { EngineProject } from "../support/engine/engineProject";
import { pulumiOnPath } from "../support/engine/pulumiOnPath";
import { FakeRenderApi } from "../support/fakeRender/fakeRenderApi";
import { LiveServiceStandIn } from "../support/fakeRender/liveServiceStandIn";
import { tierNeedingTool } from "../support/tierNotices";

const cli = pulumiOnPath();
const image = (hex: string) => `ghcr.io/acme/skyport-app@sha256:${hex.repeat(64 / hex.length)}`;
const IMAGE_A = image("a1");
const IMAGE_B = image("b2");
const IMAGE_C = image("c3");
const SECRET_TOKEN = "tok-deploy-81d3e0";

tierNeedingTool(
  "engine tier: deploy, smoke test and rollback on the real Pulumi CLI",
  cli.found ? undefined : `no pulumi CLI on PATH (${cli.reason}); see "Tests, in tiers" in docs/DEVELOPMENT.md`,
  () => {
    describe("engine tier: deploy, smoke test and rollback on the real Pulumi CLI", function () {
      this.timeout(180_000);
      let fake: FakeRenderApi;
      let standIn: LiveServiceStandIn;
      let engine: EngineProject;
      let planFile: string;
      const deploy = (options: Pick<DeployOptions, "image" | "commit" | "planFile">) =>
        deployStack({
          stack: "staging",
          projectDir: engine.dir,
          env: engine.env,
          smoke: { timeoutMs: 3000, intervalMs: 200 },
          log: () => undefined,
          ...options,
        });
      const tags = async () =>
        JSON.parse((await engine.must(["stack", "tag", "ls", "--json", "--stack", "staging"])).stdout) as Record<
          string,
          string
        >;
      const deployedImage = async () =>
        (await engine.must(["stack", "output", "image", "--stack", "staging"])).stdout.trim();

      before(async () => {
        fake = new FakeRenderApi({ serviceUrl: () => standIn.url });
        standIn = new LiveServiceStandIn(
          fake,
          new Map([
            [IMAGE_A, { commit: "commit-a" }],
            [IMAGE_B, { commit: "commit-b", healthy: false }],
            [IMAGE_C, { commit: "commit-c" }],
          ]),
        );
        await fake.start();
        await standIn.start();
        engine = new EngineProject();
        await engine.initRenderStaging(fake);
        await engine.setConfig("staging", "skyport:secrets.API_TOKEN", SECRET_TOKEN, { secret: true });
        planFile = join(engine.dir, "..", "staging.plan.json");
      });
      after(async () => {
        engine?.dispose();
        await standIn?.stop();
        await fake?.stop();
      });

      it("deploys digest A: up, the smoke test passes, and A is recorded as the last good image", async () => {
        const outcome = await deploy({ image: IMAGE_A, commit: "commit-a" });
        assert.deepEqual(outcome, { kind: "deployed", image: IMAGE_A, url: standIn.url });
        assert.equal(standIn.liveImage(), IMAGE_A);
        assert.equal(await deployedImage(), IMAGE_A);
        const recorded = await tags();
        assert.equal(recorded[GOOD_IMAGE_TAG], IMAGE_A);
        assert.equal(recorded[GOOD_COMMIT_TAG], "commit-a");
      });

      it("deploys digest B whose smoke test fails: rolled back to A, the stack's image is A again, and Render serves A", async () => {
        const outcome = await deploy({ image: IMAGE_B, commit: "commit-b" });
        assert.equal(outcome.kind, "rolled-back");
        assert.ok(outcome.kind === "rolled-back");
        assert.equal(outcome.failedImage, IMAGE_B);
        assert.equal(outcome.image, IMAGE_A);
        assert.match(
          outcome.reason,
          /smoke test of http:\/\/127\.0\.0\.1:\d+ failed after \d+ tries: \/health answered 500/,
        );
        assert.equal(await deployedImage(), IMAGE_A);
        assert.equal(standIn.liveImage(), IMAGE_A, "Render serves A");
        const [serviceId] = [...fake.deploys.keys()];
        assert.deepEqual(
          fake.deploys.get(serviceId)!.map((d) => d.image?.ref),
          [IMAGE_A, IMAGE_B, IMAGE_A],
          "B was deployed, then A again",
        );
        const version = (await (await fetch(new URL("/api/version", standIn.url))).json()) as { commit: string };
        assert.equal(version.commit, "commit-a");
        assert.equal((await tags())[GOOD_IMAGE_TAG], IMAGE_A, "B never became the last good image");
      });

      it("plans digest C for approval: the report shows the image change, and the saved plan holds no secret in plain text", async () => {
        const planned = await planDeploy({
          stack: "staging",
          image: IMAGE_C,
          planFile,
          outDir: join(engine.dir, "..", "plans"),
          commit: "commit-c",
          projectDir: engine.dir,
          env: engine.env,
        });
        assert.equal(planned.ok, true, planned.preview.error);
        assert.match(planned.report, new RegExp(`^## Plan for staging: ${IMAGE_C.replace(/[.]/g, "\\.")}\n`));
        assert.match(planned.report, /applies exactly this saved plan/);
        assert.match(
          planned.report,
          /\| update \| `pulumi-nodejs:dynamic\/render:Service` \| `shop-api-service` \|.*`image`: `ghcr\.io.*a1a1.*` → `ghcr\.io.*c3c3.*`/,
        );
        assert.doesNotMatch(planned.report, new RegExp(SECRET_TOKEN));
        const plan = readFileSync(planFile, "utf8");
        assert.ok(plan.includes(IMAGE_C), "the plan holds the new image");
        assert.ok(!plan.includes(SECRET_TOKEN) && !plan.includes(fake.apiKey), "a secret in the plan in plain text");
        assert.equal(standIn.liveImage(), IMAGE_A, "a plan deploys nothing");
      });

      it("applies exactly that plan once approved (pulumi up --plan)", async () => {
        const outcome = await deploy({ image: IMAGE_C, commit: "commit-c", planFile });
        assert.deepEqual(outcome, { kind: "deployed", image: IMAGE_C, url: standIn.url });
        assert.equal(standIn.liveImage(), IMAGE_C);
      });

      it("fails, saying why, when the approved plan no longer applies, and changes nothing", async () => {
        await engine.setConfig("staging", "skyport:image", IMAGE_A);
        const planFile = join(engine.dir, "..", "stale.plan.json");
        const preview = await engine.preview({ stack: "staging", savePlan: planFile });
        assert.equal(preview.exitCode, 0, preview.stderr);
        // Main moved on after the approval was asked for: another setting changed.
        await engine.setConfig("staging", "skyport:app.maxInstances", "2");
        const deploysBefore = [...fake.deploys.values()][0].length;

        const outcome = await deploy({ image: IMAGE_A, commit: "commit-a", planFile });
        assert.equal(outcome.kind, "failed");
        assert.match(
          outcome.kind === "failed" ? outcome.reason : "",
          /^staging: the approved plan \(.*stale\.plan\.json\) no longer applies or failed: error: resource .* violates plan: properties changed/s,
        );
        assert.equal([...fake.deploys.values()][0].length, deploysBefore, "nothing was deployed");
        assert.equal(standIn.liveImage(), IMAGE_C);
      });
    });
  },
);
