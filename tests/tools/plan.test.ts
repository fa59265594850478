import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { deployedImageStandIn } from "../../tools/lib/plan/planMocks";
import { readProjectFile } from "../../tools/lib/plan/stackFile";
import { planCommand } from "../../tools/plan/cli";
import { runCliSync, runCommand } from "../support/runCli";

const FIXTURES = join(__dirname, "..", "fixtures");

/** Runs `npm run plan -- <args>` the way the npm script does, without npm in between. */
function plan(...args: string[]) {
  const result = runCliSync("plan", args);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const stackFiles = readdirSync(readProjectFile().stackConfigDir).filter((file) => /^Pulumi\..+\.yaml$/.test(file));

describe("npm run plan", () => {
  it("finds a stack file for staging and production", () => {
    assert.ok(stackFiles.includes("Pulumi.staging.yaml"));
    assert.ok(stackFiles.includes("Pulumi.production.yaml"));
  });

  for (const file of stackFiles) {
    const stack = file.replace(/^Pulumi\.(.+)\.yaml$/, "$1");
    it(`plans stack '${stack}' as exactly one JSON document`, () => {
      const { code, stdout, stderr } = plan("--stack", stack, "--json");
      assert.equal(code, 0, stderr);
      const document = JSON.parse(stdout);
      assert.deepEqual(Object.keys(document), ["stack", "platform", "config", "resources", "outputs"]);
      const config = parse(readFileSync(join(readProjectFile().stackConfigDir, file), "utf8")).config;
      assert.deepEqual(
        JSON.parse(document.config["skyport:app"]),
        config["skyport:app"],
        "the app's block, for the rollout plan",
      );
      assert.equal(document.stack, stack);
      assert.equal(document.platform, config["skyport:platform"]);
      assert.equal(
        document.outputs.image,
        config["skyport:image"] ?? deployedImageStandIn(stack),
        "a stack that names no image keeps the one deployed, which only the backend knows",
      );
      assert.ok(document.resources.length > 2);
      for (const resource of document.resources) {
        assert.deepEqual(Object.keys(resource), ["type", "name", "parent", "inputs"]);
      }
      assert.equal(document.resources[0].type, "pulumi:pulumi:Stack");
      assert.equal(document.resources[0].parent, null);
      assert.ok(document.resources.slice(1).every((r: { parent: unknown }) => typeof r.parent === "string"));
    });
  }

  it("prints a readable tree by default", () => {
    const { code, stdout } = plan("--stack", "example-kubernetes");
    assert.equal(code, 0);
    assert.match(stdout, /^Plan for stack 'example-kubernetes' on kubernetes: \d+ resources\.\n/);
    assert.match(stdout, /\n {2}\+ skyport:platform:Kubernetes {2}shop-api\n/);
    assert.match(stdout, /\n {4}\+ kubernetes:apps\/v1:Deployment {2}shop-api-deployment\n/);
    assert.match(stdout, /\nOutputs:\n/);
    assert.match(
      stdout,
      /\nThe stack names no skyport:image, so it runs the image it was last deployed with, which only its\nstate backend knows; this plan shows deployed\.invalid\/example-kubernetes@sha256:000… in its\nplace/,
      "the stand-in image is explained where it is printed",
    );
  });

  it("reads --config-file, and shows every secure value as [secret] wherever it reaches", () => {
    const { code, stdout, stderr } = plan(
      "--stack",
      "demo",
      "--json",
      "--config-file",
      join(FIXTURES, "secure-secrets.yaml"),
    );
    assert.equal(code, 0, stderr);
    const document = JSON.parse(stdout);
    const byType = (type: string) => document.resources.find((r: { type: string }) => r.type === type);
    assert.equal(byType("kubernetes:core/v1:Secret").inputs.stringData, "[secret]");
    assert.equal(byType("pulumi:providers:kubernetes").inputs.kubeconfig, "[secret]");
    assert.doesNotMatch(stdout, /v1:c2Vj|v1:Y2lw|ciphertext/);
    const [reference] = byType("kubernetes:apps/v1:Deployment")
      .inputs.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom)
      .map((e: any) => e.valueFrom.secretKeyRef.name);
    assert.equal(reference, "[name of secure-demo-env]", "the name the provider will give the Secret");
  });

  it("shows a Cloud Run canary step offline: the stable revision pinned, the new one tagged, and the rollout plan", () => {
    const { code, stdout, stderr } = plan(
      "--stack",
      "prod",
      "--json",
      "--config-file",
      join(FIXTURES, "cloudrun-canary-step.yaml"),
    );
    assert.equal(code, 0, stderr);
    const document = JSON.parse(stdout);
    const service = document.resources.find((r: { type: string }) => r.type === "gcp:cloudrunv2/service:Service");
    assert.deepEqual(service.inputs.traffics, [
      {
        type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION",
        revision: "[the stable revision of the last whole deploy]",
        percent: 90,
      },
      { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 10, tag: "candidate" },
    ]);
    assert.equal(document.outputs.candidateUrl, "[candidate tag URL of shop-api-service]");
    assert.equal(JSON.parse(document.config["skyport:app"]).rollout.strategy, "canary");
  });

  it("shows ECS's blue/green offline: the second target group, both listener rules, the role and the 5xx alarm", () => {
    const { code, stdout, stderr } = plan("--stack", "prod", "--config-file", join(FIXTURES, "ecs-blue-green.yaml"));
    assert.equal(code, 0, stderr);
    for (const line of [
      /aws:lb\/targetGroup:TargetGroup\s+shop-api-tg-alternate/,
      /aws:lb\/listenerRule:ListenerRule\s+shop-api-production-rule/,
      /aws:lb\/listenerRule:ListenerRule\s+shop-api-test-rule/,
      /aws:iam\/role:Role\s+shop-api-ecs-infrastructure-role/,
      /aws:cloudwatch\/metricAlarm:MetricAlarm\s+shop-api-5xx-alarm/,
    ]) {
      assert.match(stdout, line);
    }
    assert.match(stdout, /strategy: BLUE_GREEN/);
  });

  it("refuses plain-text secrets in a --config-file as in a stack file, naming each key and never its value", () => {
    const { code, stdout, stderr } = plan("--stack", "demo", "--config-file", join(FIXTURES, "plaintext-secrets.yaml"));
    assert.equal(code, 1);
    assert.equal(stdout, "");
    const lines = stderr.trim().split("\n").slice(1);
    assert.deepEqual(
      lines.map((line) => line.split(":").slice(0, 2).join(":").trim()),
      ["- skyport:secrets.DB_PASSWORD", "- skyport:kubernetes.kubeconfig"],
    );
    assert.match(
      stderr,
      /skyport:secrets\.DB_PASSWORD: \[secret\] is not allowed; expected a Pulumi secret, but it is in plain text in tests\/fixtures\/plaintext-secrets\.yaml \(and so in git: treat it as leaked\)\. Set it encrypted with `pulumi config set --stack demo --secret --path 'skyport:secrets\.DB_PASSWORD' <value>`/,
    );
    assert.doesNotMatch(stderr, /hunter2|plain-kubeconfig/);
  });

  it("exits 1 on bad config with every problem on stderr, no stack trace and no JSON", () => {
    const { code, stdout, stderr } = plan(
      "--stack",
      "demo",
      "--json",
      "--config-file",
      join(FIXTURES, "bad-config.yaml"),
    );
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /^Invalid skyport config for stack 'demo':\n/);
    assert.match(stderr, /skyport:image: "ghcr.io\/acme\/skyport-app:latest" is not allowed/);
    assert.match(stderr, /skyport:app.name: "Shop API" is not allowed/);
    assert.match(stderr, /skyport:app.prot: unknown key/);
    assert.doesNotMatch(stderr, /^\s+at /m);
  });

  it("exits 1 naming the file when the stack file does not exist", () => {
    const { code, stdout, stderr } = plan("--stack", "nosuchstack");
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /Pulumi\.nosuchstack\.yaml/);
    assert.doesNotMatch(stderr, /^\s+at /m);
  });

  it("exits 2 with the usage when --stack is missing", () => {
    const { code, stderr } = plan("--json");
    assert.equal(code, 2);
    assert.match(stderr, /^--stack or --all is required\nusage: npm run plan -- \(--stack <name>… \| --all\)/);
  });

  it("plans every stack file in one process with --all, one document per stack in --out", () => {
    const out = mkdtempSync(join(tmpdir(), "skyport-plan-all-"));
    try {
      const { code, stderr } = plan("--all", "--json", "--policy", "--out", out);
      assert.equal(code, 0, stderr);
      const stacks = stackFiles.map((file) => file.replace(/^Pulumi\.(.+)\.yaml$/, "$1")).sort();
      assert.deepEqual(
        readdirSync(out).sort(),
        stacks.map((stack) => `${stack}.json`),
      );
      for (const stack of stacks) {
        const document = JSON.parse(readFileSync(join(out, `${stack}.json`), "utf8"));
        assert.equal(document.stack, stack);
        assert.deepEqual(
          document.policyViolations.filter((v: { level: string }) => v.level === "mandatory"),
          [],
        );
      }
      assert.match(stderr, new RegExp(`${stacks.length} of ${stacks.length} stack\\(s\\) planned\n$`));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("writes what refused a stack as its document, plans the others and exits 1", async () => {
    const out = mkdtempSync(join(tmpdir(), "skyport-plan-some-"));
    try {
      const run = await runCommand(planCommand, [
        "--stack",
        "staging",
        "--stack",
        "nosuchstack",
        "--json",
        "--out",
        out,
      ]);
      assert.equal(run.status, 1);
      assert.equal(JSON.parse(readFileSync(join(out, "staging.json"), "utf8")).platform, "render");
      assert.match(readFileSync(join(out, "nosuchstack.json"), "utf8"), /Pulumi\.nosuchstack\.yaml/);
      assert.match(run.stderr, /^staging: planned\nnosuchstack: failed\n[^]*1 of 2 stack\(s\) planned\n$/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("refuses several stacks without --out, --stack with --all, and --config-file for several stacks", async () => {
    const usage = async (...args: string[]) => (await runCommand(planCommand, args)).stderr.split("\n")[0];
    assert.equal(await usage("--stack", "staging", "--stack", "production"), "--out is required to plan 2 stacks");
    assert.equal(await usage("--all", "--stack", "staging"), "--stack and --all: give one of them");
    assert.equal(
      await usage("--stack", "a", "--stack", "b", "--out", tmpdir(), "--config-file", "x.yaml"),
      "--config-file is one stack's: give one --stack",
    );
  });
});
