import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { TEST_CHECK } from "../../tools/lib/pipeline/doctor";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import { readStackCatalog } from "../../tools/lib/stacks/stackCatalog";

const WORKFLOWS = join(PROJECT_DIR, ".github", "workflows");
const read = (path: string): any => parse(readFileSync(path, "utf8"));
const pipeline = read(join(WORKFLOWS, "pipeline.yml"));
const deploy = read(join(WORKFLOWS, "deploy.yml"));
const forkComment = read(join(WORKFLOWS, "comment.yml"));
const drift = read(join(WORKFLOWS, "drift.yml"));
const dispatch = read(join(WORKFLOWS, "dispatch.yml"));
const stackSetup = read(join(PROJECT_DIR, ".github", "actions", "stack-setup", "action.yml"));
const workflows = { pipeline, deploy, comment: forkComment, drift, dispatch };

/** Every step of every job of every workflow, and of the composite action. */
function allSteps(): any[] {
  return [
    ...Object.values(workflows).flatMap((workflow) =>
      Object.values<any>(workflow.jobs).flatMap((job) => job.steps ?? []),
    ),
    ...stackSetup.runs.steps,
  ];
}

/** Every `uses:` of every step. */
function allUses(): string[] {
  return allSteps()
    .map((step: any) => step.uses)
    .filter(Boolean);
}

/** The actionlint binary: .tools/actionlint (npm test's pretest installs it), or PATH's. */
function actionlint(): string {
  const installed = join(PROJECT_DIR, ".tools", "actionlint", "actionlint");
  return existsSync(installed) ? installed : "actionlint";
}

describe("the pipeline", () => {
  it("holds the pipeline, the deploy stage, the fork comment and the drift check, and actionlint finds nothing", () => {
    assert.deepEqual(readdirSync(WORKFLOWS).sort(), [
      "comment.yml",
      "deploy.yml",
      "dispatch.yml",
      "drift.yml",
      "pipeline.yml",
    ]);
    const result = spawnSync(actionlint(), ["-no-color"], { cwd: PROJECT_DIR, encoding: "utf8" });
    assert.equal(result.error, undefined, `actionlint could not run (.ci/run installs it): ${String(result.error)}`);
    assert.equal(result.stdout + result.stderr, "");
    assert.equal(result.status, 0);
  });

  it("runs on pull requests and pushes to main, never pull_request_target", () => {
    assert.deepEqual(Object.keys(pipeline.on).sort(), ["pull_request", "push"]);
    assert.deepEqual(pipeline.on.push.branches, ["main"]);
    assert.deepEqual(pipeline.on.pull_request.branches, ["main"]);
    for (const file of readdirSync(WORKFLOWS)) {
      assert.ok(!readFileSync(join(WORKFLOWS, file), "utf8").includes("pull_request_target"), file);
    }
  });

  it("lists no stack: every matrix comes from the repository (npm run stacks)", () => {
    const { stacks } = readStackCatalog();
    for (const [name, workflow] of Object.entries(workflows)) {
      const text = JSON.stringify(workflow);
      for (const stack of stacks) assert.ok(!text.includes(`"${stack}"`), `${name} names ${stack}`);
    }
    assert.equal(pipeline.jobs.preview.strategy.matrix.stack, "${{ fromJSON(needs.stacks.outputs.preview) }}");
    assert.equal(pipeline.jobs.plan.steps.at(-2).env.STACKS, "${{ needs.stacks.outputs.plan }}");
    assert.equal(pipeline.jobs.promote.strategy.matrix.stack, "${{ fromJSON(needs.stacks.outputs.chain) }}");
    assert.equal(drift.jobs.drift.strategy.matrix.stack, "${{ fromJSON(needs.stacks.outputs.deployed) }}");
    assert.match(
      pipeline.jobs.stacks.steps.at(-1).run,
      /npm run --silent stacks -- \$\{\{ env.FORK == 'true' && '--fork' \|\| '' \}\}/,
    );
    assert.equal(drift.jobs.stacks.steps.at(-1).run, "npm run --silent stacks");
  });

  it("grants nothing by default and least privilege per job", () => {
    for (const workflow of Object.values(workflows)) assert.deepEqual(workflow.permissions, {});
    const expected: Record<string, Record<string, Record<string, string>>> = {
      pipeline: {
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
        stacks: { contents: "read" },
        preview: { contents: "read", "id-token": "write" },
        plan: { contents: "read" },
        comment: { contents: "read", "pull-requests": "write", statuses: "write" },
        promote: {
          contents: "read",
          "id-token": "write",
          "pull-requests": "write",
          deployments: "write",
          issues: "write",
          attestations: "read",
        },
      },
      deploy: {
        plan: { contents: "read", "id-token": "write", "pull-requests": "write", attestations: "read" },
        deploy: { contents: "read", "id-token": "write", deployments: "write", issues: "write", attestations: "read" },
      },
      dispatch: {
        deploy: {
          contents: "read",
          "id-token": "write",
          "pull-requests": "write",
          deployments: "write",
          issues: "write",
          attestations: "read",
        },
      },
      comment: { comment: { contents: "read", actions: "read", "pull-requests": "write", statuses: "write" } },
      drift: { stacks: { contents: "read" }, drift: { contents: "read", "id-token": "write", issues: "write" } },
    };
    for (const [name, workflow] of Object.entries<any>(workflows)) {
      assert.deepEqual(Object.keys(workflow.jobs).sort(), Object.keys(expected[name]).sort(), name);
      for (const [job, permissions] of Object.entries(expected[name])) {
        assert.deepEqual(workflow.jobs[job].permissions, permissions, `${name}.${job}`);
      }
    }
  });

  it("on a pull request: previews every deployed stack in its own environment, plans the examples with no secrets, then comments", () => {
    const { image, preview, plan, comment } = pipeline.jobs;
    assert.deepEqual(image.needs, ["test", "stacks"]);
    assert.match(image.steps.find((s: any) => s.id === "build").with.push, /github.event_name == 'push'/);
    assert.equal(preview.if, "github.event_name == 'pull_request' && needs.stacks.outputs.preview != '[]'");
    assert.deepEqual(preview.environment, { name: "preview-${{ matrix.stack }}", deployment: false });
    assert.equal(preview.strategy["fail-fast"], false);
    assert.equal(
      preview.steps.find((s: any) => s.name === "pulumi preview").run,
      'npm run --silent preview -- --stack "${{ matrix.stack }}" --out previews',
    );
    const artifact = preview.steps.find((s: any) => s.uses?.startsWith("actions/upload-artifact@"));
    assert.match(artifact.with.path, /previews\/\$\{\{ matrix.stack \}\}\.json\n/);
    assert.match(artifact.with.path, /previews\/\$\{\{ matrix.stack \}\}\.events\.jsonl/);

    assert.equal(plan.environment, undefined);
    assert.ok(!JSON.stringify(plan).includes("secrets."), "the offline plan gets no secrets");
    assert.equal(plan.strategy, undefined, "every stack is planned in one job, in one process");
    assert.match(plan.steps.at(-2).run, /npm run --silent plan -- "\$\{stacks\[@\]\}" --json --policy --out previews/);

    assert.deepEqual(comment.needs, ["stacks", "preview", "plan"]);
    const waitsFor = (job: string): string[] =>
      [pipeline.jobs[job].needs ?? []].flat().flatMap((need: string) => [need, ...waitsFor(need)]);
    for (const job of ["preview", "plan", "comment"]) {
      assert.ok(!waitsFor(job).includes("test"), `${job} waits for the test job, and the comment with it`);
    }
    assert.match(comment.if, /always\(\)/, "a failed preview still updates the comment");
    const post = comment.steps.find((s: any) => s.name === "Render and post the one comment");
    assert.equal(post.if, "env.FORK != 'true'");
    assert.match(post.run, /preview-comment -- previews > comment.md\n.*post-comment -- --pr/s);
    assert.equal(comment.name, "PR comment and verdict");
    assert.equal(comment.steps.at(-1).name, "Verdict", "the verdict comes after the comment is posted");
    assert.match(
      comment.steps.at(-1).run,
      /^npm run --silent preview-verdict -- .*--status-sha "\$HEAD_SHA".* previews$/,
    );
  });

  it("gives a fork's pull request offline plans, and posts its comment from a workflow_run that never runs its code", () => {
    const { comment } = pipeline.jobs;
    assert.equal(comment.env.FORK, "${{ github.event.pull_request.head.repo.full_name != github.repository }}");
    const claim = comment.steps.find((s: any) => s.name === "Name the pull request for comment.yml");
    assert.equal(claim.if, "env.FORK == 'true'");
    assert.match(claim.run, /pull-request\.json$/);

    assert.deepEqual(forkComment.on, { workflow_run: { workflows: ["pipeline"], types: ["completed"] } });
    const job = forkComment.jobs.comment;
    assert.match(job.if, /github.event.workflow_run.head_repository.full_name != github.repository/);
    const checkout = job.steps.find((s: any) => s.uses?.startsWith("actions/checkout@"));
    assert.deepEqual(checkout.with, { "persist-credentials": false }, "the default branch, never the fork's ref");
    for (const download of job.steps.filter((s: any) => s.uses?.startsWith("actions/download-artifact@"))) {
      assert.equal(download.with["run-id"], "${{ github.event.workflow_run.id }}");
    }
    const post = job.steps.at(-1);
    assert.match(post.run, /^npm run --silent fork-comment -- --dir "\$ARTIFACT" --head-sha "\$HEAD_SHA"/);
    assert.equal(post.env.HEAD_SHA, "${{ github.event.workflow_run.head_sha }}");
  });

  it("runs the engine tier in the test job, on the pinned Pulumi CLI and Node version", () => {
    const { test } = pipeline.jobs;
    assert.equal(test.name, TEST_CHECK, "pipeline-doctor checks that merging requires the test job by this name");
    const install = test.steps.findIndex((s: any) => s.uses?.startsWith("pulumi/actions@"));
    const ci = test.steps.findIndex((s: any) => s.run === "bash .ci/run");
    assert.ok(install >= 0 && install < ci, "the CLI is installed before .ci/run");
    const setupNode = test.steps.find((s: any) => s.uses?.startsWith("actions/setup-node@"));
    assert.equal(setupNode.with["node-version-file"], ".node-version");
    const caches = test.steps.filter((s: any) => s.uses?.startsWith("actions/cache@"));
    for (const [script, built] of [
      [".ci/build-kube-tier.sh", ".tools/kube/bin"],
      [".ci/build-kubernetes-provider.sh", ".tools/kubernetes-provider/pulumi-resource-kubernetes"],
    ]) {
      const cache = caches.find((s: any) => s.with.path.includes(built));
      assert.ok(cache, `${built} is cached`);
      assert.ok(test.steps.indexOf(cache) < ci, `${built} is restored before .ci/run`);
      assert.match(cache.with.key, new RegExp(`hashFiles\\('${script.replace(/\./g, "\\.")}`), `keyed by ${script}`);
    }
  });

  it("pins the Pulumi CLI in one place, .pulumi.version", () => {
    const installs = allSteps().filter((s: any) => s.uses?.startsWith("pulumi/actions@"));
    assert.ok(installs.length >= 2);
    for (const step of installs) assert.deepEqual(step.with, { "pulumi-version-file": ".pulumi.version" });
    assert.match(readFileSync(join(PROJECT_DIR, ".pulumi.version"), "utf8"), /^\d+\.\d+\.\d+\n$/);
  });

  it("on main: builds and pushes once, then takes that digest along the chain, one stage after the other", () => {
    const { image, promote } = pipeline.jobs;
    assert.equal(promote.if, "github.event_name == 'push'");
    assert.deepEqual(promote.needs, ["image", "stacks"]);
    assert.deepEqual(promote.strategy, {
      "max-parallel": 1,
      "fail-fast": true,
      matrix: { stack: "${{ fromJSON(needs.stacks.outputs.chain) }}" },
    });
    assert.equal(promote.uses, "./.github/workflows/deploy.yml");
    assert.deepEqual(promote.with, {
      stack: "${{ matrix.stack }}",
      image: "${{ needs.image.outputs.image }}@${{ needs.image.outputs.digest }}",
      commit: "${{ github.sha }}",
      "image-repository": "${{ needs.image.outputs.image }}",
      attestations: "${{ needs.stacks.outputs.attestations == 'true' }}",
    });
    assert.equal(promote.secrets, "inherit");
    assert.equal(image.outputs.digest, "${{ steps.build.outputs.digest }}");
    assert.match(image.steps.find((s: any) => s.id === "build").with.tags, /:\$\{\{ github.sha \}\}$/);
    assert.ok(!JSON.stringify(pipeline).includes("pulumi up"), "no deploy logic left in YAML");
  });

  it("deploys a stage by checking and planning the release, then applying exactly that plan behind the stage's environment", () => {
    assert.deepEqual(Object.keys(deploy.on), ["workflow_call"]);
    assert.deepEqual(Object.keys(deploy.on.workflow_call.inputs), [
      "stack",
      "image",
      "commit",
      "image-repository",
      "attestations",
      "rollback",
      "first-deploy",
    ]);
    assert.deepEqual(Object.keys(dispatch.on.workflow_dispatch.inputs), [
      "stack",
      "image",
      "commit",
      "rollback",
      "first-deploy",
    ]);
    assert.equal(dispatch.jobs.deploy.uses, "./.github/workflows/deploy.yml");
    const { plan, deploy: apply } = deploy.jobs;
    assert.deepEqual(plan.environment, { name: "preview-${{ inputs.stack }}", deployment: false });
    const planStep = plan.steps.find((s: any) => s.id === "plan");
    assert.match(
      planStep.run,
      /npm run --silent deploy-plan -- --stack "\$STACK" --image "\$IMAGE" --commit "\$COMMIT"/,
    );
    assert.match(planStep.run, /--attestations "\$ATTESTATIONS" "\$\{going_back\[@\]\}"/);
    assert.equal(plan.outputs.superseded, "${{ steps.plan.outputs.superseded }}");
    assert.equal(plan.steps.at(-1).with.name, "plan-${{ inputs.stack }}");
    assert.equal(apply.needs, "plan");
    assert.equal(apply.if, "needs.plan.outputs.superseded == 'false'", "a superseded release deploys nothing");
    assert.deepEqual(apply.environment, {
      name: "${{ inputs.stack }}",
      url: "${{ steps.deploy.outputs.url }}",
      deployment: false,
    });
    const download = apply.steps.find((s: any) => s.uses?.startsWith("actions/download-artifact@"));
    assert.equal(download.with.name, "plan-${{ inputs.stack }}");
    const checkout = apply.steps.find((s: any) => s.uses?.startsWith("actions/checkout@"));
    assert.equal(checkout.with["fetch-depth"], 0, "a rollback checks out the last good release's commit");
    assert.match(
      apply.steps.at(-1).run,
      /npm run --silent deploy -- --stack "\$STACK" .*--plan-file "plans\/\$STACK\.plan\.json" --smoke-timeout-seconds 300/s,
    );
    assert.equal(apply.steps.at(-1).env.GH_TOKEN, "${{ secrets.GITHUB_TOKEN }}", "gh attestation verify needs it");
  });

  it("switches code scanning, attestations and dependency review by repository variables, on by default only where the repository can use them", () => {
    const outputs = pipeline.jobs.stacks.outputs;
    for (const [output, variable] of [
      ["code-scanning", "SKYPORT_CODE_SCANNING"],
      ["attestations", "SKYPORT_ATTESTATIONS"],
      ["dependency-review", "SKYPORT_DEPENDENCY_REVIEW"],
    ]) {
      assert.equal(
        outputs[output],
        `\${{ vars.${variable} == 'true' || (vars.${variable} != 'false' && github.event.repository.visibility == 'public') }}`,
      );
    }
    assert.equal(
      dispatch.jobs.deploy.with.attestations,
      outputs.attestations,
      "a deploy by hand agrees with the pipeline",
    );
    assert.equal(pipeline.jobs.codeql.if, "needs.stacks.outputs.code-scanning == 'true'");
    assert.equal(
      pipeline.jobs["dependency-review"].if,
      "github.event_name == 'pull_request' && needs.stacks.outputs.dependency-review == 'true'",
    );
  });

  it("passes what a person typed into workflow_dispatch to the shell only through the environment", () => {
    for (const workflow of Object.values(workflows)) {
      for (const step of Object.values<any>(workflow.jobs).flatMap((job) => job.steps ?? [])) {
        assert.doesNotMatch(step.run ?? "", /\$\{\{\s*(inputs|github\.event\.inputs)\./, step.name ?? step.run);
      }
    }
    for (const step of stackSetup.runs.steps) assert.doesNotMatch(step.run ?? "", /\$\{\{\s*inputs\./, step.name);
  });

  it("wires the state backend's credentials apart from the platform's, both chosen by npm run stack-info", () => {
    const steps = stackSetup.runs.steps;
    const byName = (prefix: string) => steps.find((s: any) => s.name?.startsWith(prefix));
    assert.match(byName("Read the stack's platform").run, /npm run --silent stack-info/);
    assert.equal(byName("State backend: AWS").if, "steps.info.outputs.backend-credentials == 'aws-oidc'");
    assert.equal(byName("State backend: AWS").with["role-to-assume"], "${{ inputs.state-aws-role-arn }}");
    assert.match(byName("State backend: into the skyport-state AWS profile").run, /--profile skyport-state/);
    assert.equal(byName("State backend: Google").if, "steps.info.outputs.backend-credentials == 'gcp-oidc'");
    assert.equal(
      byName("State backend: Pulumi Cloud").if,
      "steps.info.outputs.backend-credentials == 'pulumi-access-token'",
    );
    assert.equal(byName("AWS credentials").if, "steps.info.outputs.credentials == 'aws-oidc'");
    assert.equal(byName("AWS credentials").with["role-to-assume"], "${{ inputs.aws-role-arn }}");
    assert.equal(byName("Google Cloud credentials").if, "steps.info.outputs.credentials == 'gcp-oidc'");
    assert.equal(byName("Google Cloud credentials").with.export_environment_variables, false);
    const stateFirst = steps.findIndex((s: any) => s.name?.startsWith("State backend"));
    assert.ok(stateFirst < steps.findIndex((s: any) => s.name?.startsWith("AWS credentials")));
    for (const [name, workflow] of Object.entries<any>(workflows)) {
      assert.ok(!JSON.stringify(workflow).includes("aws-secret-access-key"), `${name}: no stored cloud keys`);
      for (const job of Object.values<any>(workflow.jobs).filter((j) => j.env?.PULUMI_CONFIG_PASSPHRASE)) {
        assert.equal(job.env.PULUMI_CONFIG_PASSPHRASE, "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
        assert.equal(job.env.STATE_BACKEND_URL, "${{ secrets.PULUMI_BACKEND_URL }}");
        assert.equal(job.env.PULUMI_BACKEND_URL, undefined, "stack-info sets it, with the state's own profile");
      }
    }
  });

  it("sets up every kind of platform credential the registry names, and every job passes each platform's secret", () => {
    const steps = stackSetup.runs.steps;
    const handled = new Set(
      steps.map((step: any) => /^steps\.info\.outputs\.credentials == '([a-z-]+)'$/.exec(step.if ?? "")?.[1]),
    );
    for (const definition of Object.values(PLATFORM_REGISTRY)) {
      assert.ok(handled.has(definition.credentials.kind), `${definition.name}: ${definition.credentials.kind}`);
      if (!("secret" in definition.credentials)) continue;
      const secret = definition.credentials.secret;
      for (const [name, workflow] of Object.entries<any>(workflows)) {
        for (const job of Object.values<any>(workflow.jobs).filter((j) => JSON.stringify(j).includes("stack-setup"))) {
          assert.match(job.env?.[secret] ?? "", /^\$\{\{ secrets\.[A-Z_]+ \}\}$/, `${name} passes ${secret}`);
        }
      }
    }
  });

  it("installs only the stack's provider plugins, after the CLI, and never downloads others", () => {
    const steps = stackSetup.runs.steps;
    const at = (prefix: string) => steps.findIndex((s: any) => s.name?.startsWith(prefix));
    const plugins = steps[at("The stack's provider plugins")];
    assert.equal(plugins.env.PLUGINS, "${{ steps.info.outputs.plugins }}");
    assert.match(plugins.run, /pulumi plugin install resource "\$\{plugin%@\*\}" "\$\{plugin#\*@\}"/);
    assert.match(plugins.run, /PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true" >> "\$GITHUB_ENV"/);
    assert.ok(at("Install the Pulumi CLI") < at("The stack's provider plugins"));
    assert.ok(at("The stack's provider plugins") < at("Log in to the state backend"));
  });

  it("pins every third-party action to a full commit SHA with its version in a comment", () => {
    const uses = allUses().filter((u) => !u.startsWith("./"));
    assert.ok(uses.length >= 8);
    for (const use of uses) assert.match(use, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, use);
    const text = readdirSync(WORKFLOWS)
      .map((f) => readFileSync(join(WORKFLOWS, f), "utf8"))
      .concat(readFileSync(join(PROJECT_DIR, ".github", "actions", "stack-setup", "action.yml"), "utf8"))
      .join("\n");
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
    assert.equal(
      uses("github/codeql-action/upload-sarif@")[0].if,
      "always() && needs.stacks.outputs.code-scanning == 'true'",
    );
    for (const attest of [...uses("actions/attest-build-provenance@"), ...uses("actions/attest-sbom@")]) {
      assert.equal(attest.if, "github.event_name == 'push' && needs.stacks.outputs.attestations == 'true'");
      assert.equal(attest.with["subject-digest"], "${{ steps.build.outputs.digest }}");
    }
    assert.match(pipeline.jobs.test.steps.at(-1).run, /npm audit --omit=dev/);
    assert.ok(pipeline.jobs.codeql.steps.some((s: any) => s.uses?.startsWith("github/codeql-action/analyze@")));
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

  it("checks drift nightly per deployed stack, in its preview environment, and keeps one issue per drifted stack", () => {
    assert.ok(drift.on.schedule[0].cron);
    const job = drift.jobs.drift;
    assert.deepEqual(job.environment, { name: "preview-${{ matrix.stack }}", deployment: false });
    assert.match(job.steps.at(-1).run, /npm run --silent drift-check -- --stack "\$\{\{ matrix\.stack \}\}"$/);
    assert.equal(job.steps.at(-1).env.GITHUB_TOKEN, "${{ secrets.GITHUB_TOKEN }}");
  });
});
