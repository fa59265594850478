import assert from "node:assert/strict";
import { deployPlanCommand } from "../../tools/deploy-plan/cli";
import { deployCommand } from "../../tools/deploy/cli";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDeployInputs } from "../../tools/lib/deploy/deployInputs";
import {
  assertDeployable,
  offlinePlanReason,
  pullRequestMatrices,
  readStackCatalog,
  type StackCatalog,
} from "../../tools/lib/stacks/stackCatalog";
import { runCliSync, runCommand as run } from "../support/runCli";

/** A project folder with the given stack files and promotion file. */
function project(stacks: string[], promotion: string): string {
  const dir = mkdtempSync(join(tmpdir(), "skyport-catalog-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: skyport\nstackConfigDir: stacks\n");
  mkdirSync(join(dir, "stacks"));
  for (const stack of stacks) writeFileSync(join(dir, "stacks", `Pulumi.${stack}.yaml`), "config: {}\n");
  writeFileSync(join(dir, "stacks", "promotion.yaml"), promotion);
  return dir;
}

describe("the stack catalog (stacks/promotion.yaml and the stack files)", () => {
  const made: string[] = [];
  const catalogOf = (stacks: string[], promotion: string): StackCatalog => {
    const dir = project(stacks, promotion);
    made.push(dir);
    return readStackCatalog(dir);
  };
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("reads this repository's chain, and finds every stack file without a list", () => {
    const catalog = readStackCatalog();
    assert.deepEqual(catalog.chain, ["staging", "production"]);
    assert.deepEqual(catalog.neverDeployed, ["example-kubernetes", "example-cloudrun", "local"]);
    assert.deepEqual(catalog.deployed, ["production", "staging"]);
  });

  it("previews and drift-checks a stack file added beside the others without editing anything else", () => {
    const catalog = catalogOf(["staging", "production", "qa"], "chain: [staging, production]\n");
    assert.deepEqual(catalog.deployed, ["production", "qa", "staging"]);
    assert.deepEqual(pullRequestMatrices(catalog, false), { preview: ["production", "qa", "staging"], plan: [] });
  });

  it("plans every stack offline for a fork's pull request, which gets no secrets", () => {
    const catalog = catalogOf(["staging", "example"], "chain: [staging]\nneverDeployed: [example]\n");
    assert.deepEqual(pullRequestMatrices(catalog, false), { preview: ["staging"], plan: ["example"] });
    assert.deepEqual(pullRequestMatrices(catalog, true), { preview: [], plan: ["example", "staging"] });
  });

  it("keeps a stack's credentials from pull requests when promotion.yaml says pullRequests: plan", () => {
    const repository = readStackCatalog();
    assert.deepEqual(repository.pullRequests, { production: "plan", staging: "preview" });
    assert.deepEqual(repository.approval, ["production"]);
    assert.deepEqual(pullRequestMatrices(repository, false), {
      preview: ["staging"],
      plan: ["example-cloudrun", "example-kubernetes", "local", "production"],
    });
    assert.match(offlinePlanReason(repository, "production", false), /pullRequests: plan/);
    assert.match(offlinePlanReason(repository, "production", true), /from a fork/);
    assert.match(offlinePlanReason(repository, "local", false), /an example stack/);
    assert.throws(
      () =>
        catalogOf(
          ["staging", "example"],
          "chain: [staging]\nneverDeployed: [example]\npullRequests: {example: plan}\n",
        ),
      /pullRequests and approval name deployed stacks only, and example is not one/,
    );
    assert.throws(() => catalogOf(["staging"], "chain: [staging]\npullRequests: {staging: skip}\n"), /preview or plan/);
  });

  it("refuses a chain that names a stack with no file, a stack twice, or an example", () => {
    assert.throws(
      () => catalogOf(["staging", "example"], "chain: [staging, prod, staging, example]\nneverDeployed: [example]\n"),
      (err: Error) =>
        /promotion\.yaml: prod has no stack file \(.*Pulumi\.prod\.yaml\); chain names staging twice; example is in the chain and marked neverDeployed$/.test(
          err.message,
        ),
    );
  });

  it("refuses an unknown key or a bad stack name, naming them", () => {
    assert.throws(() => catalogOf(["staging"], "chain: [staging]\nstages: [x]\n"), /promotion\.yaml: .*stages/);
    assert.throws(() => catalogOf(["staging"], "chain: ['../etc']\n"), /chain\.0: a stack name/);
    assert.throws(() => catalogOf(["staging"], "chain: []\n"), /chain: at least one stack/);
    assert.throws(
      () => catalogOf(["staging", "x$(id)"], "chain: [staging]\n"),
      /Pulumi\.x\$\(id\)\.yaml is not a stack name/,
    );
  });

  it("lets the pipeline deploy only a stack that is not marked never deployed", () => {
    const catalog = catalogOf(["staging", "example"], "chain: [staging]\nneverDeployed: [example]\n");
    assert.doesNotThrow(() => assertDeployable(catalog, "staging"));
    assert.throws(
      () => assertDeployable(catalog, "example"),
      /stack 'example' cannot be deployed: it is marked neverDeployed; deployable stacks: staging/,
    );
    assert.throws(() => assertDeployable(catalog, "nope"), /stack 'nope' cannot be deployed: it has no stack file/);
  });
});

describe("what a deploy is asked to deploy (npm run deploy, npm run deploy-plan)", () => {
  const digest = `ghcr.io/acme/skyport-app@sha256:${"ab".repeat(32)}`;

  it("takes a deployed stack and an image pinned by digest", () => {
    assert.doesNotThrow(() => checkDeployInputs("production", digest));
  });

  it("refuses an example stack, an unknown one, and an image by tag, before anything runs", () => {
    assert.throws(() => checkDeployInputs("example-cloudrun", digest), /it is marked neverDeployed/);
    assert.throws(() => checkDeployInputs("prod", digest), /stack 'prod' cannot be deployed: it has no stack file/);
    assert.throws(
      () => checkDeployInputs("staging", "ghcr.io/acme/skyport-app:latest"),
      /--image: "ghcr\.io\/acme\/skyport-app:latest" is not allowed; expected an image reference pinned by digest/,
    );
  });
});

describe("the deploy CLIs' arguments (npm run deploy, npm run deploy-plan)", () => {
  const digest = `ghcr.io/acme/skyport-app@sha256:${"ab".repeat(32)}`;
  const release = ["--image", digest, "--commit", "c".repeat(40), "--image-repository", "ghcr.io/acme/skyport-app"];

  it("exits 2 with the usage when a required argument is missing or malformed", async () => {
    const missingPlan = await run(deployPlanCommand, ["--stack", "production", ...release]);
    assert.equal(missingPlan.status, 2);
    assert.match(missingPlan.stderr, /^--plan-file is required\nusage: npm run deploy-plan -- /);
    const missing = await run(deployCommand, ["--stack", "production"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^--image and --commit are required\nusage: npm run deploy -- /);
    const shortSha = await run(deployCommand, [
      "--stack",
      "production",
      ...release.slice(0, 2),
      "--commit",
      "abc123",
      ...release.slice(4),
    ]);
    assert.equal(shortSha.status, 2);
    assert.match(shortSha.stderr, /^--commit: "abc123" is not a full commit sha\n/);
    const switchValue = await run(deployCommand, ["--stack", "production", ...release, "--attestations", "maybe"]);
    assert.match(switchValue.stderr, /^--attestations: "maybe" is not on or off\n/);
  });

  it("refuses an example stack before running anything (through npm run's entry point)", () => {
    const result = runCliSync("deploy", ["--stack", "example-kubernetes", ...release]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /stack 'example-kubernetes' cannot be deployed: it is marked neverDeployed/);
  });
});
