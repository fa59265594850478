import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CREDENTIALS, credentialNames } from "../../tools/lib/pipeline/credentials";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import { readWorkflows, type RunningJob, runningJobs } from "../support/workflowModel";

const WRITE = new Set(credentialNames("write"));
const READ = new Set(credentialNames("read"));
const jobs = runningJobs();
/** Events on which a job runs code a pull request wrote, or runs unattended. */
const UNTRUSTED_OR_UNATTENDED = ["pull_request", "pull_request_target", "schedule"];

/** Which principal a job holds, from the credential names it is given. */
function principalOf(job: RunningJob): "write" | "read" | "none" {
  const given = [...job.secrets, ...job.variables];
  if (given.some((name) => WRITE.has(name))) return "write";
  return given.some((name) => READ.has(name)) ? "read" : "none";
}

/** The rows docs/security.md's job table should have, from the workflows themselves. */
function expectedRows(): string[][] {
  return jobs
    .filter((job) => !job.job.uses)
    .map((job) => [
      job.id.replace(/ -> /g, " → "),
      [...new Set(job.events)].sort().join(", "),
      job.environment ?? "none",
      principalOf(job),
    ]);
}

/** The table under "## Every job, and what it holds" in docs/security.md. */
function documentedRows(): string[][] {
  const text = readFileSync(join(PROJECT_DIR, "docs", "security.md"), "utf8");
  const section = text.slice(text.indexOf("## Every job, and what it holds"));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, "")),
    );
}

describe("the pipeline's trust boundary, read from the workflows (reusable ones followed)", () => {
  it("gives every job that runs on a pull request or the schedule no write credential, and no environment but preview-*", () => {
    const untrusted = jobs.filter((job) => job.events.some((event) => UNTRUSTED_OR_UNATTENDED.includes(event)));
    assert.ok(untrusted.length >= 6, untrusted.map((j) => j.id).join(", "));
    for (const job of untrusted) {
      const written = [...job.secrets, ...job.variables].filter((name) => WRITE.has(name));
      assert.deepEqual(written, [], `${job.id} names a write credential`);
      assert.ok(
        job.environment === undefined || /^preview-/.test(job.environment),
        `${job.id} runs in ${job.environment}`,
      );
    }
    assert.ok(!jobs.some((job) => job.events.includes("pull_request_target")), "never pull_request_target");
  });

  it("holds write credentials only in a deploy job, in the stack's own environment, started by a push to main or by hand", () => {
    const writers = jobs.filter((job) => principalOf(job) === "write" && !job.job.uses);
    assert.deepEqual(writers.map((job) => job.id).sort(), [
      "dispatch.yml:deploy -> deploy.yml:deploy",
      "pipeline.yml:promote -> deploy.yml:deploy",
    ]);
    for (const job of writers) {
      assert.equal(job.environment, "${{ inputs.stack }}", job.id);
      assert.deepEqual(
        job.events.filter((e) => !["push", "workflow_dispatch"].includes(e)),
        [],
        job.id,
      );
      assert.equal(job.job.environment.deployment, false, "the tool records GitHub deployments itself");
      assert.deepEqual(
        [...job.secrets, ...job.variables].filter((name) => READ.has(name)),
        [],
        `${job.id} mixes principals`,
      );
    }
    for (const job of jobs.filter((j) => j.environment && /^preview-/.test(j.environment))) {
      assert.notEqual(principalOf(job), "write", job.id);
    }
  });

  it("takes one lock per stack around plan, approval and apply, and the drift check takes the same one", () => {
    const workflows = readWorkflows();
    const locks = {
      promote: workflows["pipeline.yml"].jobs.promote.concurrency,
      dispatch: workflows["dispatch.yml"].jobs.deploy.concurrency,
      drift: workflows["drift.yml"].jobs.drift.concurrency,
    };
    assert.deepEqual(locks, {
      promote: { group: "stack-${{ matrix.stack }}", "cancel-in-progress": false },
      dispatch: { group: "stack-${{ inputs.stack }}", "cancel-in-progress": false },
      drift: { group: "stack-${{ matrix.stack }}", "cancel-in-progress": false },
    });
    for (const [name, job] of Object.entries<any>(workflows["deploy.yml"].jobs)) {
      assert.equal(
        job.concurrency,
        undefined,
        `deploy.yml:${name} takes no lock of its own: its caller holds the stack's`,
      );
    }
    assert.deepEqual(
      workflows["deploy.yml"].on,
      { workflow_call: workflows["deploy.yml"].on.workflow_call },
      "only called, under a caller's lock",
    );
  });

  it("gives every job a timeout", () => {
    for (const job of jobs.filter((j) => !j.job.uses)) {
      assert.ok(Number(job.job["timeout-minutes"]) > 0, `${job.id} has no timeout-minutes`);
      assert.ok(Number(job.job["timeout-minutes"]) <= 60, `${job.id}: at most an hour`);
    }
  });

  it("uploads artifacts so that a re-run replaces them, and keeps a saved plan longer than an approval may wait (30 days)", () => {
    for (const job of jobs.filter((j) => !j.job.uses)) {
      for (const step of (job.job.steps ?? []).filter((s: any) => s.uses?.startsWith("actions/upload-artifact@"))) {
        assert.equal(step.with.overwrite, true, `${job.id}: ${step.with.name}`);
        if (String(step.with.name).startsWith("plan-")) assert.ok(step.with["retention-days"] > 30, `${job.id}`);
      }
    }
  });

  it("selects a stack without creating it, but in a deploy by hand that says first-deploy", () => {
    const workflows = readWorkflows();
    const setups = jobs.flatMap((job) =>
      (job.job.steps ?? [])
        .filter((s: any) => s.uses === "./.github/actions/stack-setup")
        .map((s: any) => ({ job, step: s })),
    );
    assert.ok(setups.length >= 4);
    for (const { job, step } of setups) {
      const create = step.with?.["create-stack"];
      if (job.id.endsWith("deploy.yml:plan")) assert.equal(create, "${{ inputs.first-deploy }}", job.id);
      else assert.equal(create, undefined, `${job.id} never creates a stack`);
    }
    assert.equal(
      workflows["pipeline.yml"].jobs.promote.with["first-deploy"],
      undefined,
      "a merge never creates a stack",
    );
    assert.equal(workflows["dispatch.yml"].jobs.deploy.with["first-deploy"], "${{ inputs.first-deploy }}");
    const setup = readFileSync(join(PROJECT_DIR, ".github", "actions", "stack-setup", "action.yml"), "utf8");
    assert.match(
      setup,
      /if \[ "\$CREATE_STACK" = "true" \]; then\n\s+pulumi stack select "\$STACK" --create\n\s+else\n\s+pulumi stack select "\$STACK" \|\|/,
    );
  });

  it("lists every credential name the workflows use, and docs/security.md's job table is the workflows' own", () => {
    const known = new Set([
      ...CREDENTIALS.map((c) => c.name),
      "GITHUB_TOKEN",
      "PULUMI_BACKEND_URL",
      "PULUMI_CONFIG_PASSPHRASE",
      "AZURE_STORAGE_ACCOUNT",
    ]);
    for (const job of jobs) {
      for (const name of job.secrets)
        assert.ok(known.has(name), `${job.id}: secret ${name} is not in tools/lib/pipeline/credentials.ts`);
    }
    assert.deepEqual(documentedRows(), expectedRows());
  });
});
