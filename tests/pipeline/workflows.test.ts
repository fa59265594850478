import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../tools/plan/stackFile";

const WORKFLOWS = join(PROJECT_DIR, ".github", "workflows");
const read = (path: string): any => parse(readFileSync(path, "utf8"));
const pipeline = read(join(WORKFLOWS, "pipeline.yml"));
const drift = read(join(WORKFLOWS, "drift.yml"));
const stackSetup = read(join(PROJECT_DIR, ".github", "actions", "stack-setup", "action.yml"));

/** Every `uses:` of every job and of the composite action. */
function allUses(): string[] {
  const steps = [
    ...Object.values(pipeline.jobs).flatMap((job: any) => job.steps ?? []),
    ...Object.values(drift.jobs).flatMap((job: any) => job.steps ?? []),
    ...stackSetup.runs.steps,
  ];
  return steps.map((step: any) => step.uses).filter(Boolean);
}

/** The actionlint binary: $ACTIONLINT (set by .ci/run), .tools/bin, or PATH. */
function actionlint(): string {
  const candidates = [process.env.ACTIONLINT, join(PROJECT_DIR, ".tools", "bin", "actionlint")].filter(
    Boolean,
  ) as string[];
  return candidates.find((path) => existsSync(path)) ?? "actionlint";
}

describe("the pipeline", () => {
  it("holds one pipeline workflow and the drift check, and actionlint finds nothing in either", () => {
    assert.deepEqual(readdirSync(WORKFLOWS).sort(), ["drift.yml", "pipeline.yml"]);
    const result = spawnSync(actionlint(), ["-no-color"], { cwd: PROJECT_DIR, encoding: "utf8" });
    assert.equal(result.error, undefined, `actionlint could not run (.ci/run installs it): ${String(result.error)}`);
    assert.equal(result.stdout + result.stderr, "");
    assert.equal(result.status, 0);
  });

  it("runs on pull requests and pushes to main, never pull_request_target", () => {
    assert.deepEqual(Object.keys(pipeline.on).sort(), ["pull_request", "push"]);
    assert.deepEqual(pipeline.on.push.branches, ["main"]);
    assert.deepEqual(pipeline.on.pull_request.branches, ["main"]);
    assert.ok(!readFileSync(join(WORKFLOWS, "pipeline.yml"), "utf8").includes("pull_request_target"));
  });

  it("grants nothing by default and least privilege per job", () => {
    assert.deepEqual(pipeline.permissions, {});
    assert.deepEqual(drift.permissions, {});
    const expected: Record<string, Record<string, string>> = {
      test: { contents: "read" },
      image: {
        contents: "read",
        packages: "write",
        "security-events": "write",
        "id-token": "write",
        attestations: "write",
      },
      codeql: { contents: "read", actions: "read", "security-events": "write" },
      "dependency-review": { contents: "read" },
      preview: { contents: "read", "id-token": "write" },
      comment: { contents: "read", "pull-requests": "write" },
      "deploy-staging": { contents: "read", "id-token": "write" },
      "deploy-production": { contents: "read", "id-token": "write" },
    };
    for (const [name, job] of Object.entries<any>(pipeline.jobs))
      assert.deepEqual(job.permissions, expected[name], name);
    assert.deepEqual(drift.jobs.drift.permissions, { contents: "read", "id-token": "write", issues: "write" });
  });

  it("on a pull request: tests, builds without pushing, previews every stack in parallel, then comments", () => {
    const { image, preview, comment } = pipeline.jobs;
    assert.deepEqual(image.needs, "test");
    assert.match(image.steps.find((s: any) => s.id === "build").with.push, /github.event_name == 'push'/);
    assert.equal(preview.if, "github.event_name == 'pull_request'");
    assert.deepEqual(preview.strategy.matrix.stack, ["staging", "production"]);
    assert.equal(preview.strategy["fail-fast"], false);
    assert.equal(comment.needs, "preview");
    assert.match(comment.if, /always\(\)/, "a failed preview still updates the comment");
    assert.match(
      comment.steps.at(-2).run,
      /preview-comment -- staging=previews\/staging.json production=previews\/production.json/,
    );
    const post = comment.steps.findIndex((s: any) => /post-comment -- --pr/.test(s.run ?? ""));
    assert.ok(post >= 0);
    assert.equal(comment.name, "PR comment and verdict");
    assert.equal(comment.steps.at(-1).name, "Verdict", "the verdict comes after the comment is posted");
    assert.equal(
      comment.steps.at(-1).run,
      "npm run --silent preview-verdict -- staging=previews/staging.json production=previews/production.json",
    );
  });

  it("runs the engine tier in the test job, on the pinned Pulumi CLI and Node version", () => {
    const { test } = pipeline.jobs;
    const install = test.steps.findIndex((s: any) => s.uses?.startsWith("pulumi/actions@"));
    const ci = test.steps.findIndex((s: any) => s.run === "bash .ci/run");
    assert.ok(install >= 0 && install < ci, "the CLI is installed before .ci/run");
    assert.deepEqual(test.steps[install].with, { "pulumi-version-file": ".pulumi.version" });
    const setupNode = test.steps.find((s: any) => s.uses?.startsWith("actions/setup-node@"));
    assert.equal(setupNode.with["node-version-file"], ".node-version");
  });

  it("gives a fork's pull request the offline plan instead of a preview", () => {
    const { preview } = pipeline.jobs;
    assert.equal(preview.env.FORK, "${{ github.event.pull_request.head.repo.full_name != github.repository }}");
    const plan = preview.steps.find((s: any) => s.name?.startsWith("Offline plan"));
    assert.equal(plan.if, "env.FORK == 'true'");
    assert.match(plan.run, /npm run --silent plan -- --stack "\$\{\{ matrix.stack \}\}" --json --policy/);
    assert.equal(
      preview.steps.find((s: any) => s.name === "pulumi preview").run,
      'npm run --silent preview -- --stack "${{ matrix.stack }}" --out previews',
    );
    const artifact = preview.steps.find((s: any) => s.uses?.startsWith("actions/upload-artifact@"));
    assert.match(artifact.with.path, /previews\/\$\{\{ matrix.stack \}\}\.json\n/);
    assert.match(artifact.with.path, /previews\/\$\{\{ matrix.stack \}\}\.events\.jsonl/);
    for (const step of preview.steps.filter(
      (s: any) => s.uses === "./.github/actions/stack-setup" || s.name === "pulumi preview",
    )) {
      assert.equal(step.if, "env.FORK != 'true'");
    }
  });

  it("on main: builds and pushes once, deploys staging, then production behind its environment, by digest", () => {
    const { image } = pipeline.jobs;
    const staging = pipeline.jobs["deploy-staging"];
    const production = pipeline.jobs["deploy-production"];
    assert.equal(staging.if, "github.event_name == 'push'");
    assert.equal(staging.needs, "image");
    assert.deepEqual(production.needs, ["image", "deploy-staging"]);
    assert.equal(staging.environment.name, "staging");
    assert.equal(production.environment.name, "production");
    assert.equal(image.outputs.digest, "${{ steps.build.outputs.digest }}");
    for (const job of [staging, production]) {
      assert.equal(job.env.IMAGE, "${{ needs.image.outputs.image }}@${{ needs.image.outputs.digest }}");
      const up = job.steps.find((s: any) => s.id === "up").run;
      assert.match(up, /pulumi config set --stack \w+ skyport:image "\$IMAGE"/);
      assert.match(
        up,
        /pulumi up --stack (\w+) --yes --skip-preview --policy-pack policy --policy-pack-config policy\/config\/\1\.json/,
      );
      assert.match(job.steps.at(-1).run, /npm run --silent smoke -- --url .* --commit "\$\{\{ github.sha \}\}"/);
    }
    assert.match(image.steps.find((s: any) => s.id === "build").with.tags, /:\$\{\{ github.sha \}\}$/);
  });

  it("runs one pulumi up per stack at a time, never cancelled, so waiting for approval blocks no other stack", () => {
    for (const [name, stack] of [
      ["deploy-staging", "staging"],
      ["deploy-production", "production"],
    ]) {
      assert.deepEqual(pipeline.jobs[name].concurrency, { group: `pulumi-up-${stack}`, "cancel-in-progress": false });
    }
    assert.equal(pipeline.concurrency, undefined, "no workflow-wide lock that would hold staging behind an approval");
  });

  it("gets cloud credentials by OIDC and the rest from secrets, chosen from the stack's config", () => {
    const steps = stackSetup.runs.steps;
    const byName = (prefix: string) => steps.find((s: any) => s.name?.startsWith(prefix));
    assert.equal(byName("AWS credentials").if, "steps.info.outputs.credentials == 'aws-oidc'");
    assert.ok(byName("AWS credentials").with["role-to-assume"]);
    assert.equal(byName("Google Cloud credentials").if, "steps.info.outputs.credentials == 'gcp-oidc'");
    assert.ok(byName("Google Cloud credentials").with.workload_identity_provider);
    assert.equal(byName("Kubeconfig").if, "steps.info.outputs.credentials == 'kubeconfig'");
    assert.match(byName("Read the stack's platform").run, /npm run --silent stack-info/);
    assert.ok(!JSON.stringify(pipeline).includes("aws-secret-access-key"), "no stored cloud keys");
    for (const job of Object.values<any>(pipeline.jobs).filter((j) => j.env?.PULUMI_CONFIG_PASSPHRASE)) {
      assert.equal(job.env.PULUMI_CONFIG_PASSPHRASE, "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
      assert.equal(job.env.PULUMI_BACKEND_URL, "${{ secrets.PULUMI_BACKEND_URL }}");
    }
  });

  it("pins every third-party action to a full commit SHA with its version in a comment", () => {
    const uses = allUses().filter((u) => !u.startsWith("./"));
    assert.ok(uses.length >= 8);
    for (const use of uses) assert.match(use, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, use);
    const text = ["pipeline.yml", "drift.yml"].map((f) => readFileSync(join(WORKFLOWS, f), "utf8")).join("\n");
    const pinnedLines = text.split("\n").filter((line) => /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40}/.test(line));
    for (const line of pinnedLines) assert.match(line, /@[0-9a-f]{40} # v\d+(\.\d+)*$/, line);
  });

  it("scans every image, uploads SARIF, fails on fixable criticals, and attests provenance and SBOM to the pushed digest", () => {
    const steps = pipeline.jobs.image.steps;
    const uses = (prefix: string) => steps.filter((s: any) => s.uses?.startsWith(prefix));
    const [report, gate] = uses("aquasecurity/trivy-action@");
    assert.deepEqual([report.with.format, report.with["exit-code"]], ["sarif", "0"]);
    assert.deepEqual(
      [gate.with.severity, gate.with["ignore-unfixed"], gate.with["exit-code"]],
      ["CRITICAL", true, "1"],
    );
    assert.equal(uses("github/codeql-action/upload-sarif@")[0].with.sarif_file, report.with.output);
    assert.equal(uses("anchore/sbom-action@")[0].with["output-file"], "sbom.spdx.json");
    for (const attest of [...uses("actions/attest-build-provenance@"), ...uses("actions/attest-sbom@")]) {
      assert.equal(attest.if, "github.event_name == 'push'");
      assert.equal(attest.with["subject-digest"], "${{ steps.build.outputs.digest }}");
    }
    assert.match(pipeline.jobs.test.steps.at(-1).run, /npm audit --omit=dev/);
    assert.ok(pipeline.jobs.codeql.steps.some((s: any) => s.uses?.startsWith("github/codeql-action/analyze@")));
    assert.equal(pipeline.jobs["dependency-review"].if, "github.event_name == 'pull_request'");
  });

  it("keeps npm, the pinned actions and the Dockerfile base image current with Dependabot", () => {
    const dependabot = read(join(PROJECT_DIR, ".github", "dependabot.yml"));
    assert.deepEqual(
      dependabot.updates.map((u: any) => [u["package-ecosystem"], u.directory]),
      [
        ["npm", "/"],
        ["github-actions", "/"],
        ["docker", "/app"],
      ],
    );
  });

  it("checks drift nightly per stack and keeps one issue per drifted stack", () => {
    assert.ok(drift.on.schedule[0].cron);
    const job = drift.jobs.drift;
    assert.deepEqual(job.strategy.matrix.stack, ["staging", "production"]);
    assert.match(job.steps.at(-1).run, /npm run --silent drift-check -- --stack "\$\{\{ matrix\.stack \}\}"$/);
    assert.equal(job.steps.at(-1).env.GITHUB_TOKEN, "${{ secrets.GITHUB_TOKEN }}");
  });
});
