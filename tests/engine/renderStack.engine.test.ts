import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { classifyDrift } from "../../tools/lib/drift/classifyDrift";
import { readStackPreview } from "../../tools/lib/report/previewDocument";
import { resourceOfUrn } from "../../tools/lib/pulumi/urn";
import { renderComment } from "../../tools/lib/report/renderComment";
import { EngineProject, FIRST_IMAGE } from "../support/engine/engineProject";
import { PINNED_PULUMI_VERSION, pulumiOnPath } from "../support/engine/pulumiOnPath";
import { FakeRenderApi } from "../support/fakeRender/fakeRenderApi";
import { tierNeedingTool } from "../support/tierNotices";
import { runCliSync } from "../support/runCli";

const cli = pulumiOnPath();
const SECRET_TOKEN = "tok-engine-5f2c9a71";
const NEW_IMAGE = `ghcr.io/acme/skyport-app@sha256:${"c0de".repeat(16)}`;
/** The key under which Pulumi's state marks an encrypted secret value. */
const SECRET_SIGNATURE = '"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"';

/** A drift check's preview run as classifyDrift reads it. */
function driftRun(run: { exitCode: number; documentPath: string; eventsPath: string; stderr: string }) {
  return {
    exitCode: run.exitCode,
    document: readFileSync(run.documentPath, "utf8"),
    eventLog: readFileSync(run.eventsPath, "utf8"),
    stderr: run.stderr,
  };
}

/** Type and name of every resource the program registers, the stack itself left out. */
function typesAndNames(resources: Array<{ type: string; name: string }>): string[] {
  return resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
    .map((r) => `${r.type} ${r.name}`)
    .sort();
}

tierNeedingTool(
  "engine tier: the staging (Render) stack on the real Pulumi CLI",
  cli.found ? undefined : `no pulumi CLI on PATH (${cli.reason}); see "Tests, in tiers" in docs/DEVELOPMENT.md`,
  () => {
    describe("engine tier: the staging (Render) stack on the real Pulumi CLI", function () {
      this.timeout(180_000);
      let fake: FakeRenderApi;
      let engine: EngineProject;

      before(async () => {
        fake = await new FakeRenderApi().start();
        engine = new EngineProject();
        await engine.initRenderStaging(fake);
        await engine.setConfig("staging", "skyport:secrets.API_TOKEN", SECRET_TOKEN, { secret: true });
      });
      after(async () => {
        engine?.dispose();
        await fake?.stop();
      });

      it(`runs the pinned CLI version (${PINNED_PULUMI_VERSION})`, () => {
        assert.ok(cli.found);
        assert.equal(cli.version, PINNED_PULUMI_VERSION, "update .pulumi.version or the CLI on PATH");
      });

      it("refuses a stack never deployed that names no image, saying how to give one, creating nothing", async () => {
        await engine.must(["config", "rm", "--stack", "staging", "skyport:image"]);
        try {
          const up = await engine.up("staging");
          assert.notEqual(up.exitCode, 0);
          assert.match(
            up.stdout + up.stderr,
            /skyport:image is required; expected the image to deploy, pinned by digest; stack 'staging' names none and has never been deployed\. Give one with `pulumi config set --stack staging skyport:image/,
          );
          assert.equal(fake.services.size, 0);
        } finally {
          await engine.setConfig("staging", "skyport:image", FIRST_IMAGE);
        }
      });

      it("previews with the policy pack and the stack's policy config, registering what the offline plan does", async () => {
        const preview = await engine.preview({ stack: "staging" });
        assert.equal(preview.exitCode, 0, preview.stderr);
        const document = JSON.parse(readFileSync(preview.documentPath, "utf8")) as {
          steps: Array<{ op: string; urn: string }>;
        };
        // Everything is created; the refused first up (when it ran before) left only the stack
        // itself and its read of itself in the state.
        const ops = document.steps.map((step) => `${step.op} ${resourceOfUrn(step.urn).type}`);
        const leftByRefusedRun = ["same pulumi:pulumi:Stack", "discard pulumi:pulumi:StackReference"];
        assert.deepEqual(
          ops.filter((op) => !op.startsWith("create ") && !leftByRefusedRun.includes(op)),
          [],
        );
        const events = readFileSync(preview.eventsPath, "utf8");
        assert.match(events, /"summaryEvent":\{[^\n]*"PolicyPacks":\{"skyport\|local\|policy"/);
        for (const written of [events, readFileSync(preview.documentPath, "utf8")]) {
          assert.ok(!written.includes(SECRET_TOKEN) && !written.includes(fake.apiKey), "a secret in plain text");
        }

        const plan = runCliSync("plan", ["--stack", "staging", "--json", "--config-file", engine.stackFile("staging")]);
        assert.equal(plan.status, 0, plan.stderr);
        const offline = JSON.parse(plan.stdout) as { resources: Array<{ type: string; name: string }> };
        assert.deepEqual(
          typesAndNames(document.steps.filter((s) => s.op !== "discard").map((step) => resourceOfUrn(step.urn))),
          typesAndNames(offline.resources),
        );
      });

      it("deploys with pulumi up: one live service at the fake, running the stack's digest", async () => {
        const up = await engine.up("staging");
        assert.equal(up.exitCode, 0, up.stderr + up.stdout);
        assert.equal(fake.services.size, 1);
        const [service] = [...fake.services.values()];
        assert.equal(service.name, "shop-api-staging");
        const deploys = fake.deploys.get(service.id)!;
        assert.equal(deploys.at(-1)?.status, "live");
        const url = (await engine.must(["stack", "output", "--stack", "staging", "url"])).stdout.trim();
        assert.equal(url, service.serviceDetails.url);
      });

      it("finds no change on a second preview --refresh --expect-no-changes", async () => {
        const preview = await engine.preview({ stack: "staging", refresh: true, expectNoChanges: true });
        assert.equal(preview.exitCode, 0, preview.stderr + readFileSync(preview.documentPath, "utf8"));
      });

      it("previews and drift-checks with a state backend that refuses every write, as the read-only principal must; writing the last-good record fails there", async () => {
        const state = String(engine.env.PULUMI_BACKEND_URL).replace(/^file:\/\//, "");
        // Immutable, so that even root's writes fail: a read-only principal on a bucket.
        const chattr = spawnSync("chattr", ["-R", "+i", state], { encoding: "utf8" });
        assert.equal(
          chattr.status,
          0,
          `chattr +i (the engine tier needs it to make the state read-only): ${chattr.stderr}`,
        );
        try {
          const preview = await engine.preview({ stack: "staging" });
          assert.equal(preview.exitCode, 0, preview.stderr);
          const drift = await engine.preview({ stack: "staging", refresh: true, expectNoChanges: true });
          assert.equal(drift.exitCode, 0, drift.stderr);
          const tag = await engine.pulumi([
            "stack",
            "tag",
            "set",
            "skyport:good-image",
            NEW_IMAGE,
            "--stack",
            "staging",
          ]);
          assert.notEqual(tag.exitCode, 0, "the last-good record needs the deploy principal");
          assert.match(tag.stderr, /operation not permitted|permission denied/i);
        } finally {
          spawnSync("chattr", ["-R", "-i", state]);
        }
      });

      it("keeps every secret out of the state in plain text", async () => {
        const state = await engine.exportStack("staging");
        assert.ok(state.includes('"shop-api-service"') || state.includes("shop-api-service"));
        assert.ok(!state.includes(SECRET_TOKEN), "the secret env var is in the state in plain text");
        assert.ok(!state.includes(fake.apiKey), "the Render API key is in the state in plain text");
        assert.ok(state.includes(SECRET_SIGNATURE), "the secrets are kept, encrypted");
        const stackFile = readFileSync(engine.stackFile("staging"), "utf8");
        assert.ok(!stackFile.includes(SECRET_TOKEN) && !stackFile.includes(fake.apiKey));
      });

      it("updates the service to a new image digest, through a rate limit it waits out and reports, until it is live", async () => {
        await engine.must(["config", "set", "--stack", "staging", "skyport:image", NEW_IMAGE]);
        fake.inject({
          method: "PATCH",
          path: /^\/services\/srv-/,
          status: 429,
          headers: { "Ratelimit-Limit": "10", "Ratelimit-Remaining": "0", "Ratelimit-Reset": "1" },
        });
        const up = await engine.up("staging");
        assert.equal(up.exitCode, 0, up.stderr + up.stdout);
        assert.match(
          up.stdout,
          /Render API update-service is rate limited \(10 requests per window\): waiting 1 s until it resets/,
          "the wait shows in pulumi up's output",
        );
        const [service] = [...fake.services.values()];
        assert.equal(fake.services.size, 1, "an image update is made in place");
        const last = fake.deploys.get(service.id)!.at(-1)!;
        assert.equal(last.image?.ref, NEW_IMAGE);
        assert.equal(last.status, "live");
      });

      it("sees drift: an instance count changed in Render's dashboard fails preview --refresh --expect-no-changes, and up puts it back", async () => {
        const [service] = [...fake.services.values()];
        service.serviceDetails.numInstances = 3;
        const drifted = await engine.preview({ stack: "staging", refresh: true, expectNoChanges: true });
        const verdict = classifyDrift("staging", driftRun(drifted));
        assert.equal(verdict.kind, "drifted", drifted.stderr);
        assert.deepEqual(
          verdict.preview.changes.map((c) => [
            c.op,
            c.name,
            c.properties.map((p) => `${p.path}: ${String(p.old)} → ${String(p.new)}`),
          ]),
          [["update", "shop-api-service", ["numInstances: 3 → 1"]]],
        );
        const up = await engine.up("staging", ["--refresh"]);
        assert.equal(up.exitCode, 0, up.stderr + up.stdout);
        assert.equal(service.serviceDetails.numInstances, 1);
      });

      it("tells a failed drift check from drift: a revoked Render API key fails the check and is not drift", async () => {
        const key = fake.apiKey;
        fake.apiKey = "rnd_revoked";
        try {
          const run = await engine.preview({ stack: "staging", refresh: true, expectNoChanges: true });
          const verdict = classifyDrift("staging", driftRun(run));
          assert.equal(verdict.kind, "failed");
          assert.match(
            verdict.kind === "failed" ? verdict.reason : "",
            /Render API retrieve-service failed: HTTP 401: unauthorized/,
          );
        } finally {
          fake.apiKey = key;
        }
      });

      it("fails a preview under production's policy config, and the PR comment names the policy", async () => {
        await engine.must(["stack", "init", "strict"]);
        copyFileSync(engine.stackFile("staging"), engine.stackFile("strict"));
        copyFileSync(
          join(engine.dir, "policy", "config", "production.json"),
          join(engine.dir, "policy", "config", "strict.json"),
        );
        const preview = await engine.preview({ stack: "strict" });
        assert.notEqual(preview.exitCode, 0);
        const parsed = readStackPreview(
          "strict",
          readFileSync(preview.documentPath, "utf8"),
          "unknown",
          readFileSync(preview.eventsPath, "utf8"),
        );
        assert.equal(parsed.kind, "failed");
        const comment = renderComment([parsed]);
        assert.match(comment, /\| `strict` \| render \| 2 \| 0 \| 0 \| 0 \| ❌ failed: `minimum-instances` \|/);
        assert.match(comment, /minimum-instances/);
        assert.match(comment, /shop-api-service/);
        assert.match(comment, /fewer than the 2 this stack requires/);
      });

      it("refuses a bad stack config through the engine, naming the key, the value and what is allowed, creating nothing", async () => {
        await engine.must(["stack", "init", "broken"]);
        copyFileSync(engine.stackFile("staging"), engine.stackFile("broken"));
        await engine.setConfig("broken", "skyport:render.plan", "gigantic");
        await engine.setConfig("broken", "skyport:app.port", "70000");
        // The CLI itself asks for --secret here; --plaintext (or an edit by hand) gets past it.
        await engine.must([
          ...["config", "set", "--stack", "broken", "--path", "--plaintext"],
          ...["skyport:secrets.PLAIN_TOKEN", "tok-in-git-91d2"],
        ]);
        const servicesBefore = fake.services.size;
        const up = await engine.up("broken");
        assert.notEqual(up.exitCode, 0);
        const output = up.stdout + up.stderr;
        assert.match(output, /skyport:render\.plan: "?gigantic"? .*one of starter, standard/);
        assert.match(output, /skyport:app\.port: 70000 .*a whole number from 1 to 65535/);
        assert.match(
          output,
          /skyport:secrets\.PLAIN_TOKEN: \[secret\] is not allowed; expected a Pulumi secret, but it is in plain text in stacks\/Pulumi\.broken\.yaml/,
        );
        assert.doesNotMatch(output, /tok-in-git-91d2/);
        assert.doesNotMatch(output, /at .*\.ts:\d+/, "no stack trace");
        assert.equal(fake.services.size, servicesBefore);
        const state = JSON.parse(await engine.exportStack("broken")) as { deployment: { resources?: unknown[] } };
        assert.ok((state.deployment.resources ?? []).length <= 1, "at most the Stack itself is recorded");
      });

      it("refuses a canary through the engine, naming what Render offers, creating nothing", async () => {
        await engine.must(["stack", "init", "canary"]);
        copyFileSync(engine.stackFile("staging"), engine.stackFile("canary"));
        await engine.setConfig("canary", "skyport:app.rollout.strategy", "canary");
        const servicesBefore = fake.services.size;
        const preview = await engine.preview({ stack: "canary" });
        assert.notEqual(preview.exitCode, 0);
        const up = await engine.up("canary");
        assert.notEqual(up.exitCode, 0);
        assert.match(
          up.stdout + up.stderr,
          /skyport:app\.rollout\.strategy: "canary" is not allowed; expected a strategy render can carry out: rolling \(render offers a zero-downtime rolling deploy gated by the health check, and no traffic splitting\)/,
        );
        assert.equal(fake.services.size, servicesBefore);
        const state = JSON.parse(await engine.exportStack("canary")) as { deployment: { resources?: unknown[] } };
        assert.ok((state.deployment.resources ?? []).length <= 1, "at most the Stack itself is recorded");
      });

      it("refuses plain-text secrets in a --config-file as in a stack file, through the engine, creating nothing", async () => {
        const outside = join(engine.dir, "..", "given-config.yaml");
        const withPlain = readFileSync(engine.stackFile("broken"), "utf8");
        writeFileSync(outside, withPlain);
        const servicesBefore = fake.services.size;
        // As the pipeline's tools pass it: the program is told which file to judge.
        const preview = await engine.preview({ stack: "broken", configFile: outside });
        assert.notEqual(preview.exitCode, 0);
        assert.match(
          preview.stdout + preview.stderr,
          /skyport:secrets\.PLAIN_TOKEN: \[secret\] is not allowed; expected a Pulumi secret, but it is in plain text in \/.*given-config\.yaml/,
        );
        // A bare `pulumi preview --config-file` of a stack whose own file is clean: the engine marks
        // no key of a file whose secrets are all plain, and the program sees that.
        const document = parse(withPlain) as { config: Record<string, unknown> };
        document.config["skyport:secrets"] = { PLAIN_TOKEN: "tok-in-git-91d2" };
        writeFileSync(outside, stringify(document));
        const bare = await engine.pulumi(["preview", "--stack", "staging", "--config-file", outside]);
        assert.notEqual(bare.exitCode, 0);
        assert.match(
          bare.stdout + bare.stderr,
          /skyport:secrets\.PLAIN_TOKEN: \[secret\] is not allowed; expected a Pulumi secret, but it is in plain text in the config the engine was given\. Set it encrypted with `pulumi config set --stack staging --secret/,
        );
        // The engine echoes a value set with --plaintext in the document's config; the refusal
        // itself never shows it.
        const diagnostics = (JSON.parse(preview.stdout) as { diagnostics: Array<{ message: string }> }).diagnostics;
        assert.doesNotMatch(
          JSON.stringify(diagnostics) + preview.stderr + bare.stdout + bare.stderr,
          /tok-in-git-91d2/,
        );
        assert.equal(fake.services.size, servicesBefore);
      });

      it("keeps the deployed image when a run names none: the preview compares with what runs, and up changes nothing", async () => {
        await engine.must(["config", "rm", "--stack", "staging", "skyport:image"]);
        const [service] = [...fake.services.values()];
        const deploysBefore = fake.deploys.get(service.id)!.length;
        const preview = await engine.preview({ stack: "staging", refresh: true, expectNoChanges: true });
        assert.equal(preview.exitCode, 0, preview.stderr);
        const parsed = readStackPreview("staging", readFileSync(preview.documentPath, "utf8"), "render");
        assert.equal(parsed.kind, "preview");
        assert.deepEqual(parsed.changes, [], "no change, not even to the image");
        const up = await engine.up("staging", ["--expect-no-changes"]);
        assert.equal(up.exitCode, 0, up.stderr + up.stdout);
        assert.equal((await engine.must(["stack", "output", "--stack", "staging", "image"])).stdout.trim(), NEW_IMAGE);
        assert.equal(fake.deploys.get(service.id)!.length, deploysBefore, "no new deploy");
        assert.equal(fake.deploys.get(service.id)!.at(-1)?.image?.ref, NEW_IMAGE);
      });

      it("destroys the stack and leaves nothing at the fake", async () => {
        const destroy = await engine.pulumi(["destroy", "--stack", "staging", "--yes", "--skip-preview"]);
        assert.equal(destroy.exitCode, 0, destroy.stderr + destroy.stdout);
        assert.equal(fake.services.size, 0);
        assert.equal(fake.credentials.size, 0);
      });
    });
  },
);
