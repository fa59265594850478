import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DeployOptions } from "../../tools/lib/deploy/deployStack";
import { readReleaseRecord, type Release } from "../../tools/lib/deploy/stackState";
import { ROLLBACK_ISSUES } from "../../tools/lib/github/rollbackIssue";
import { EngineProject } from "../support/engine/engineProject";
import { pulumiOnPath } from "../support/engine/pulumiOnPath";
import { ReleaseHarness } from "../support/engine/releaseHarness";
import { FakeGitHub } from "../support/fakeGitHub";
import { FakeRenderApi } from "../support/fakeRender/fakeRenderApi";
import { LiveAppStandIn } from "../support/liveAppStandIn";
import { tierNeedingTool } from "../support/tierNotices";
import { waitFor } from "../support/waitFor";

const cli = pulumiOnPath();
const SECRET_TOKEN = "tok-deploy-81d3e0";

tierNeedingTool(
  "engine tier: deploy, smoke test and rollback on the real Pulumi CLI",
  cli.found ? undefined : `no pulumi CLI on PATH (${cli.reason}); see "Tests, in tiers" in docs/DEVELOPMENT.md`,
  () => {
    describe("engine tier: deploy, smoke test and rollback on the real Pulumi CLI", function () {
      this.timeout(240_000);
      let fake: FakeRenderApi;
      let standIn: LiveAppStandIn;
      let engine: EngineProject;
      let github: FakeGitHub;
      let harness: ReleaseHarness;
      const releases: Record<string, Release> = {};
      const release: ReleaseHarness["release"] = (name, ...rest) => (releases[name] = harness.release(name, ...rest));
      const deploy = (made: Release, options: Partial<DeployOptions> = {}) => harness.deploy(made, options);
      const deploymentsOf = (commit: string) => harness.deploymentsOf(commit);
      const service = () => [...fake.services.values()][0];
      const renderEnv = () => Object.fromEntries((fake.envVars.get(service().id) ?? []).map((v) => [v.key, v.value]));
      const deploysAtRender = () => fake.deploys.get(service().id)?.length ?? 0;

      before(async () => {
        fake = new FakeRenderApi({ serviceUrl: () => standIn.url });
        github = await new FakeGitHub().start();
        engine = new EngineProject();
        harness = new ReleaseHarness(engine, github, "staging");
        standIn = new LiveAppStandIn(() => Promise.resolve(fake.liveImage()), harness.builds);
        await fake.start();
        await standIn.start();
        await engine.initRenderStaging(fake);
        await engine.setConfig("staging", "skyport:secrets.API_TOKEN", SECRET_TOKEN, { secret: true });
        release("A", "a1", {});
      });
      after(async () => {
        engine?.dispose();
        await standIn?.stop();
        await fake?.stop();
        await github?.stop();
      });

      it("deploys release A: up, the smoke test passes, A is the deployed and last good release, and a GitHub deployment records it", async () => {
        const outcome = await deploy(releases.A);
        assert.equal(outcome.kind, "deployed", JSON.stringify(outcome));
        assert.match(
          outcome.kind === "deployed" ? outcome.provenance : "",
          /^provenance verified \(https:\/\/github\.com\/acme\/shop\/actions\/runs\//,
        );
        assert.equal(fake.liveImage(), releases.A.image);
        assert.deepEqual(await readReleaseRecord({ stack: "staging", projectDir: engine.dir, env: engine.env }), {
          deployed: releases.A,
          good: releases.A,
        });
        assert.deepEqual(deploymentsOf(releases.A.commit), [["in_progress", "success"]]);
        assert.equal(github.deployments[0].payload.image, releases.A.image);
      });

      it("rolls back whole when release B (a new env value, another health path) fails its smoke test: Render runs A with A's config again", async () => {
        const b = release("B", "b2", { healthy: false }, (config) => {
          config["skyport:app"].env.FEATURE = "b";
          config["skyport:app"].healthCheckPath = "/healthz";
        });
        const outcome = await deploy(b);
        assert.equal(outcome.kind, "rolled-back", JSON.stringify(outcome));
        assert.ok(outcome.kind === "rolled-back");
        assert.deepEqual([outcome.failed, outcome.release], [b, releases.A]);
        assert.match(
          outcome.reason,
          /smoke test of http:\/\/127\.0\.0\.1:\d+ failed after \d+ tries: \/health answered 500/,
        );
        assert.equal(fake.liveImage(), releases.A.image, "Render serves A");
        assert.equal(renderEnv().FEATURE, undefined, "B's env value is gone");
        assert.equal(service().serviceDetails.healthCheckPath, "/health", "A's health path is back");
        assert.equal(
          ((await (await fetch(new URL("/api/version", standIn.url))).json()) as { commit: string }).commit,
          releases.A.commit,
        );
        assert.deepEqual(await readReleaseRecord({ stack: "staging", projectDir: engine.dir, env: engine.env }), {
          deployed: releases.A,
          good: releases.A,
        });
        assert.deepEqual(deploymentsOf(b.commit), [["in_progress", "failure"]]);
        assert.deepEqual(
          deploymentsOf(releases.A.commit),
          [
            ["in_progress", "success"],
            ["in_progress", "success", "inactive"],
          ],
          "the rollback is a deployment of A; the first one became inactive",
        );
      });

      it("rolls back the same way when Render refuses release C's deploy and pulumi up fails", async () => {
        const c = release("C", "c3", "failing-deploy", (config) => {
          config["skyport:app"].env.FEATURE = "c";
        });
        fake.failNextDeploy("update_failed");
        const outcome = await deploy(c);
        assert.equal(outcome.kind, "rolled-back", JSON.stringify(outcome));
        assert.match(outcome.kind === "rolled-back" ? outcome.reason : "", /^staging: pulumi up failed: /);
        assert.equal(fake.liveImage(), releases.A.image);
        assert.equal(renderEnv().FEATURE, undefined);
        assert.deepEqual(deploymentsOf(c.commit), [["in_progress", "failure"]]);
      });

      it("refuses release D, whose provenance is another workflow's, before pulumi up: nothing at Render changes", async () => {
        const d = release("D", "d4", {});
        harness.attested.at(-1)!.change = {
          buildSignerURI: "https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main",
        };
        const before = deploysAtRender();
        const outcome = await deploy(d);
        assert.equal(outcome.kind, "refused");
        assert.match(
          outcome.kind === "refused" ? outcome.reason : "",
          /^provenance: .* is not this repository's build of [0-9a-f]{40}: it was signed by .*release\.yml/,
        );
        assert.equal(deploysAtRender(), before, "no deploy reached Render");
        assert.deepEqual(deploymentsOf(d.commit), [], "no GitHub deployment either");
      });

      it("refuses the rollback too when the last good release's provenance no longer verifies, and opens the stack's issue naming both failures", async () => {
        const e = release("E", "e5", { healthy: false });
        harness.attested.splice(
          harness.attested.findIndex((entry) => entry.release.image === releases.A.image),
          1,
        );
        const outcome = await deploy(e);
        assert.equal(outcome.kind, "failed");
        const reason = outcome.kind === "failed" ? outcome.reason : "";
        assert.match(
          reason,
          /\/health answered 500; the rollback to [0-9a-f]{40} \(.*a1a1.*\) failed too: provenance: .* has no attestation that verifies/,
        );
        assert.match(
          reason,
          /staging runs [0-9a-f]{40} \(.*e5e5.*\), the release that failed: the rollback applied nothing/,
        );
        assert.equal(fake.liveImage(), e.image, "the rollback applied nothing");
        const [issue] = [...github.issues.values()];
        assert.equal(issue.title, "Deploy and rollback failed in stack staging");
        assert.ok(issue.body.startsWith(ROLLBACK_ISSUES.marker("staging")));
        assert.match(
          issue.body,
          /The deploy of `[0-9a-f]{40}` .* failed:[^]*\/health answered 500[^]*The rollback to the last good release[^]*no attestation that verifies[^]*What the stack is left with/,
        );
        assert.deepEqual(await readReleaseRecord({ stack: "staging", projectDir: engine.dir, env: engine.env }), {
          deployed: e,
          good: releases.A,
        });
        harness.attested.push({ release: releases.A });
      });

      it("deploys nothing from an older commit than the stack runs (superseded), and goes back to it only when asked", async () => {
        const before = deploysAtRender();
        assert.deepEqual(await deploy(releases.A), { kind: "superseded", deployed: releases.E.commit });
        assert.equal(deploysAtRender(), before);
        const back = await deploy(releases.A, { rollback: true });
        assert.equal(back.kind, "deployed", JSON.stringify(back));
        assert.equal(fake.liveImage(), releases.A.image);
      });

      it("plans release F for approval, refusing nothing: the report shows the image change and its provenance, the plan holds no secret in plain text", async () => {
        const f = release("F", "f6", {});
        const planFile = join(engine.dir, "..", "staging.plan.json");
        const planned = await harness.plan(f, planFile);
        assert.equal(planned.kind, "planned", JSON.stringify(planned));
        assert.ok(planned.kind === "planned");
        assert.equal(planned.ok, true, planned.preview.error);
        assert.match(
          planned.report,
          /The image is provenance verified \(https:\/\/github\.com\/acme\/shop\/actions\/runs\//,
        );
        assert.match(
          planned.report,
          /\| update \| `skyport-render:index:Service` \| `shop-api-service` \|.*`image`: `ghcr\.io.*a1a1.*` → `ghcr\.io.*f6f6.*`/,
        );
        const plan = readFileSync(planFile, "utf8");
        assert.ok(plan.includes(f.image), "the plan holds the new image");
        assert.ok(!plan.includes(SECRET_TOKEN) && !plan.includes(fake.apiKey), "a secret in the plan in plain text");
        assert.equal(fake.liveImage(), releases.A.image, "a plan deploys nothing");

        const outcome = await deploy(f, { planFile });
        assert.equal(outcome.kind, "deployed", JSON.stringify(outcome));
        assert.equal(fake.liveImage(), f.image);
      });

      it("fails, saying why and to plan again, when the approved plan no longer applies, and rolls back to F, which still runs", async () => {
        const g = release("G", "a7", {});
        await engine.setConfig("staging", "skyport:image", g.image);
        const planFile = join(engine.dir, "..", "stale.plan.json");
        const preview = await engine.preview({ stack: "staging", savePlan: planFile });
        assert.equal(preview.exitCode, 0, preview.stderr);
        await engine.setConfig("staging", "skyport:app.maxInstances", "2");
        const before = deploysAtRender();
        const outcome = await deploy(g, { planFile });
        assert.equal(outcome.kind, "rolled-back", JSON.stringify(outcome));
        assert.match(
          outcome.kind === "rolled-back" ? outcome.reason : "",
          /^staging: the approved plan \(.*stale\.plan\.json\) no longer applies or failed; if the stack changed since the plan, run the deploy's plan again: error: resource .* violates plan: properties changed/s,
        );
        const images = (fake.deploys.get(service().id) ?? []).slice(before).map((d) => d.image?.ref);
        assert.deepEqual(images, [], "the plan applied nothing, and the rollback (refreshed) found F live already");
        assert.equal(fake.liveImage(), releases.F.image, "F, the last good release, runs");
      });

      it("refuses release H's canary, which Render cannot carry out, before anything is created, and F still runs", async () => {
        const stackFile = engine.stackFile("staging");
        const asF = readFileSync(stackFile, "utf8");
        const h = release("H", "b8", {}, (config) => {
          config["skyport:app"].rollout = { strategy: "canary", steps: [10, 50] };
        });
        const deploysBefore = deploysAtRender();
        const outcome = await deploy(h);
        assert.equal(outcome.kind, "rolled-back", JSON.stringify(outcome));
        assert.match(
          outcome.kind === "rolled-back" ? outcome.reason : "",
          /skyport:app\.rollout\.strategy: "canary" is not allowed; expected a strategy render can carry out: rolling \(render offers a zero-downtime rolling deploy gated by the health check, and no traffic splitting\)/,
        );
        assert.equal(deploysAtRender(), deploysBefore, "nothing reached Render");
        assert.equal(fake.liveImage(), releases.F.image);
        // The next test's update runs from the stack file as F left it.
        writeFileSync(stackFile, asF);
      });

      it("refuses a stack an interrupted update left with pending operations, with the steps that recover it", async () => {
        await engine.setConfig("staging", "skyport:app.env.INTERRUPTED", "yes");
        const up = spawn("pulumi", ["up", "--stack", "staging", "--yes", "--skip-preview"], {
          cwd: engine.dir,
          env: { ...process.env, ...engine.env },
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let said = "";
        up.stdout.on("data", (chunk: Buffer) => (said += chunk.toString()));
        up.stderr.on("data", (chunk: Buffer) => (said += chunk.toString()));
        const patches = () => fake.requests.filter((r) => r.method === "PATCH").length;
        const before = patches();
        assert.ok(
          await waitFor(() => patches() > before, 60_000),
          `the update reached Render; pulumi up said:\n${said}`,
        );
        process.kill(-up.pid!, "SIGKILL");
        await once(up, "exit");
        // What the killed update had already sent reaches the fake a moment later.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const deploysBefore = deploysAtRender();
        const outcome = await deploy(releases.F);
        assert.equal(outcome.kind, "refused", JSON.stringify(outcome));
        const reason = outcome.kind === "refused" ? outcome.reason : "";
        assert.match(
          reason,
          /^stack staging has 1 pending operation\(s\), left by an update that was cancelled or killed/,
        );
        assert.match(reason, /- updating of urn:pulumi:staging::skyport::.*shop-api-service/);
        assert.match(reason, /pulumi refresh --stack staging --import-pending-creates/);
        assert.match(reason, /pulumi stack import --stack staging --file state\.json/);
        assert.equal(deploysAtRender(), deploysBefore, "nothing was applied");
      });
    });
  },
);
