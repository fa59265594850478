import assert from "node:assert/strict";
import { repositoryOf } from "../../tools/lib/github/environment";
import { createGitHub } from "../../tools/lib/github/octokit";
import { diagnose } from "../../tools/lib/pipeline/doctor";
import { readRepositorySettings } from "../../tools/lib/pipeline/repositorySettings";
import { readStackCatalog } from "../../tools/lib/stacks/stackCatalog";
import { FakeGitHub } from "../support/fakeGitHub";
import { runCli } from "../support/runCli";

const REPO = repositoryOf("acme/shop");
const PLATFORMS = { staging: "render", production: "ecs" };

/** A repository set up as docs/pipeline.md says: every environment, credential and rule in place. */
function wellSetUp(fake: FakeGitHub): void {
  fake.addEnvironment("staging", {
    branches: ["main"],
    secrets: ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "RENDER_API_KEY"],
    variables: ["STATE_AWS_ROLE_ARN"],
  });
  fake.addEnvironment("preview-staging", {
    secrets: ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE"],
    variables: ["STATE_AWS_PREVIEW_ROLE_ARN"],
  });
  fake.addEnvironment("production", {
    branches: "protected",
    reviewers: ["release-manager"],
    secrets: ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE"],
    variables: ["AWS_DEPLOY_ROLE_ARN", "STATE_AWS_ROLE_ARN"],
  });
  fake.addEnvironment("preview-production", {
    branches: ["main"],
    secrets: ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE"],
    variables: ["AWS_PREVIEW_ROLE_ARN", "STATE_AWS_PREVIEW_ROLE_ARN"],
  });
  fake.rulesetChecks = ["Lint and test", "skyport / preview"];
}

describe("npm run pipeline-doctor: the repository's settings against what the pipeline relies on", () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
  });
  afterEach(() => fake.stop());
  const findings = async () =>
    diagnose(
      await readRepositorySettings(createGitHub(fake.token, { baseUrl: fake.apiUrl }), REPO),
      readStackCatalog(),
      PLATFORMS,
    );

  it("finds nothing unsafe in a repository set up as the docs say; it names what a job would miss", async () => {
    wellSetUp(fake);
    assert.deepEqual(await findings(), [
      {
        level: "missing",
        stack: "staging",
        message:
          "preview-staging has no secret RENDER_PREVIEW_API_KEY: a Render API key (Render has no read-only keys)",
      },
    ]);
  });

  it("names each unsafe setting: open deploy branches, no reviewers, a deploy credential where previews run, a repository secret, no required status", async () => {
    wellSetUp(fake);
    fake.environments.get("production")!.branches = "all";
    fake.environments.get("production")!.reviewers = [];
    fake.environments.get("preview-production")!.branches = "all";
    fake.environments.get("preview-staging")!.secrets.push("RENDER_API_KEY", "RENDER_PREVIEW_API_KEY");
    fake.repositorySecrets.push("PULUMI_ACCESS_TOKEN");
    fake.rulesetChecks = [];
    const unsafe = (await findings())
      .filter((f) => f.level !== "missing")
      .map((f) => `${f.level} ${f.stack ?? "-"}: ${f.message}`);
    assert.deepEqual(unsafe, [
      "unsafe production: environment production can be used from any branch: allow main only (Deployment branches)",
      "unsafe production: environment production has no required reviewers, and stacks/promotion.yaml asks for approval",
      "unsafe production: preview-production can be used from any branch, but pull requests must not reach production's credentials (pullRequests: plan): allow main only",
      "unsafe staging: preview-staging holds RENDER_API_KEY, a deploy credential, where previews run: move it to the environment staging",
      "warning staging: preview-staging holds RENDER_PREVIEW_API_KEY, which pull-request code can use: Render has no read-only keys (pullRequests: plan keeps it out)",
      "unsafe -: the repository secret PULUMI_ACCESS_TOKEN reaches every job of every branch: keep it in the environments that need it",
      "unsafe -: the default branch does not require the status Lint and test: require it in branch protection or a ruleset",
      "unsafe -: the default branch does not require the status skyport / preview: require it in branch protection or a ruleset",
    ]);
  });

  it("reads the required status from branch protection as well as rulesets, and reports a missing environment", async () => {
    wellSetUp(fake);
    fake.rulesetChecks = [];
    fake.protectedChecks = ["Lint and test", "skyport / preview"];
    fake.environments.delete("preview-production");
    const found = await findings();
    assert.ok(!found.some((f) => f.message.includes("does not require the status")));
    assert.ok(
      found.some((f) => f.level === "missing" && f.message === "environment preview-production does not exist"),
    );
  });

  it("exits 1 through its entry point when anything is unsafe, listing findings per stack, and changes nothing", async () => {
    wellSetUp(fake);
    fake.rulesetChecks = [];
    const result = await runCli("pipeline-doctor", ["--repo", "acme/shop"], {
      env: { GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.apiUrl },
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /^repository acme\/shop: \n {2}✗ unsafe: the default branch does not require the status Lint and test[^\n]*\n {2}✗ unsafe: the default branch does not require the status skyport \/ preview/,
    );
    assert.match(result.stdout, /\nproduction: ✓ ready\n/);
    assert.match(result.stdout, /\n2 unsafe, 1 other finding\(s\)\n$/);
    assert.deepEqual(
      fake.requests.filter((r) => r.method !== "GET"),
      [],
      "it only reads",
    );
  });
});
