import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import { smokeTest } from "../../tools/lib/smoke/smokeTest";
import { toRuntimeConfig } from "../../tools/lib/plan/stackFile";
import { backendInfo, STATE_AWS_PROFILE } from "../../tools/lib/stackInfo/backendInfo";
import { stackInfo } from "../../tools/lib/stackInfo/stackInfo";
import { stackInfoCommand } from "../../tools/stack-info/cli";
import { runCliSync, runCommand } from "../support/runCli";
import { startTestServer, type TestServer } from "../support/appServer";

describe("smoke test", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ GIT_COMMIT: "abc123def" });
  });
  after(() => server.stop());

  it("passes when /health is 200 and /api/version reports the deployed commit", async () => {
    assert.equal(
      await smokeTest({ url: server.baseUrl, commit: "abc123def", intervalMs: 10, log: () => undefined }),
      1,
    );
  });

  it("retries for a bounded time, then fails naming the commit it saw", async () => {
    const lines: string[] = [];
    const started = Date.now();
    await assert.rejects(
      smokeTest({
        url: server.baseUrl,
        commit: "newer-commit",
        timeoutMs: 1000,
        intervalMs: 50,
        log: (l) => lines.push(l),
      }),
      /failed after \d+ tries: \/api\/version reports commit abc123def, not newer-commit$/,
    );
    assert.ok(lines.length >= 3, `only ${lines.length} tries in a 1 s window`);
    assert.ok(Date.now() - started < 3000);
  });

  it("keeps trying while nothing answers, and succeeds once the app is up", async () => {
    const later = await startTestServer({ GIT_COMMIT: "c1" });
    const url = later.baseUrl;
    await later.stop();
    const revived = setTimeout(
      () => void startTestServer({ GIT_COMMIT: "c1", PORT: new URL(url).port }).then((s) => (revival = s)),
      150,
    );
    let revival: TestServer | undefined;
    try {
      const tries = await smokeTest({ url, commit: "c1", timeoutMs: 5000, intervalMs: 50, log: () => undefined });
      assert.ok(tries > 1);
    } finally {
      clearTimeout(revived);
      await revival?.stop();
    }
  });
});

describe("stack-info", () => {
  it("names each platform's credentials and only its own provider plugins, from the registry", () => {
    const file = (platform: string, extra: Record<string, string> = {}) =>
      toRuntimeConfig({ "skyport:platform": platform, ...extra }).config;
    const version = (name: string) =>
      (
        JSON.parse(readFileSync(join(PROJECT_DIR, "node_modules", "@pulumi", name, "package.json"), "utf8")) as {
          version: string;
        }
      ).version;
    assert.deepEqual(stackInfo("p", file("ecs", { "aws:region": "eu-west-1" })), {
      stack: "p",
      platform: "ecs",
      credentials: { kind: "aws-oidc", regionKey: "aws:region" },
      credentialRegion: "eu-west-1",
      plugins: [`aws@${version("aws")}`],
    });
    assert.deepEqual(stackInfo("s", file("cloudrun")).plugins, [`gcp@${version("gcp")}`]);
    assert.deepEqual(stackInfo("s", file("kubernetes")), {
      stack: "s",
      platform: "kubernetes",
      credentials: { kind: "secret-file", secret: "KUBECONFIG_DATA", fileVariable: "KUBECONFIG" },
      plugins: [`kubernetes@${version("kubernetes")}`],
    });
    assert.deepEqual(stackInfo("s", file("render")), {
      stack: "s",
      platform: "render",
      credentials: { kind: "secret-variable", secret: "RENDER_API_KEY" },
      plugins: [],
    });
    assert.throws(
      () => stackInfo("s", file("heroku")),
      /stack s: skyport:platform is "heroku"; expected one of ecs, kubernetes, cloudrun, render/,
    );
  });

  it("chooses the state backend's credentials from its URL, apart from the platform's", () => {
    assert.deepEqual(backendInfo(undefined), { credentials: "pulumi-access-token", loginUrl: "" });
    assert.equal(backendInfo("https://api.pulumi.example").credentials, "pulumi-access-token");
    assert.deepEqual(backendInfo("s3://state-bucket/skyport?region=eu-west-1"), {
      credentials: "aws-oidc",
      loginUrl: `s3://state-bucket/skyport?region=eu-west-1&profile=${STATE_AWS_PROFILE}`,
    });
    assert.deepEqual(backendInfo("gs://state-bucket"), { credentials: "gcp-oidc", loginUrl: "gs://state-bucket" });
    assert.equal(backendInfo("azblob://state").credentials, "azure-storage-key");
    assert.throws(
      () => backendInfo("file:///home/runner/state"),
      /the state backend URL \(secret PULUMI_BACKEND_URL\): "file:\/\/…" is not allowed; expected Pulumi Cloud .*a file:\/\/ backend would vanish with the runner/,
    );
  });

  it("a Render stack with an S3 backend logs in with the state's own AWS profile", () => {
    const dir = mkdtempSync(join(tmpdir(), "stack-info-"));
    try {
      const result = runCliSync("stack-info", ["staging"], {
        env: {
          STATE_BACKEND_URL: "s3://state-bucket",
          GITHUB_OUTPUT: join(dir, "out"),
          GITHUB_ENV: join(dir, "env"),
        },
      });
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        readFileSync(join(dir, "out"), "utf8"),
        /credentials=secret-variable\ncredential-secret=RENDER_API_KEY\n[^]*plugins=\nbackend-credentials=aws-oidc\n/,
      );
      assert.equal(
        readFileSync(join(dir, "env"), "utf8"),
        `PULUMI_BACKEND_URL=s3://state-bucket?profile=${STATE_AWS_PROFILE}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an example stack, which has no state to log in to", async () => {
    const result = await runCommand(stackInfoCommand, ["example-kubernetes"]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /stack 'example-kubernetes' cannot be deployed: it is marked neverDeployed/);
  });

  it("npm run stack-info prints JSON and writes GitHub outputs for every deployed stack file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stack-info-"));
    try {
      for (const [stack, platform] of [
        ["staging", "render"],
        ["production", "ecs"],
      ]) {
        const output = join(dir, `${stack}.out`);
        const result = await runCommand(stackInfoCommand, [stack], { env: { GITHUB_OUTPUT: output } });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(JSON.parse(result.stdout).platform, platform);
        assert.match(readFileSync(output, "utf8"), new RegExp(`^platform=${platform}\ncredentials=`));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
