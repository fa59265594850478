import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readStackPreview, type StackPreview } from "../../tools/previewComment/previewDocument";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment } from "../../tools/previewComment/renderComment";
import { PROJECT_DIR } from "../../tools/plan/stackFile";

/** Documents the real Pulumi CLI wrote (npm run record-previews). */
const FIXTURES = join(__dirname, "..", "fixtures", "previews");
const read = (file: string) => readFileSync(join(FIXTURES, file), "utf8");

/** A recorded scenario read as the comment reads it: document plus event log. */
function recorded(scenario: string, stack = "staging"): StackPreview {
  return readStackPreview(stack, read(`staging-${scenario}.json`), "unknown", read(`staging-${scenario}.events.jsonl`));
}

/**
 * A preview of n resources, made by repeating a step the real engine wrote, each under its own
 * name, without the step's states (their serialized provider code would make a document too
 * large to build in memory; the comment reads no state).
 */
function hugePreview(n: number): string {
  const document = JSON.parse(read("staging-replace.json")) as {
    steps: Array<{ op: string; urn: string; replaceReasons?: string[]; newState?: { type?: string } }>;
  };
  const { urn, replaceReasons, newState } = document.steps.find((step) => step.op === "replace")!;
  const steps = Array.from({ length: n }, (_, i) => ({
    op: i % 50 === 0 ? "replace" : "update",
    urn: urn.replace(/::shop-api-service$/, `::shop-api-service-with-a-long-name-${i}`),
    replaceReasons,
    newState: { type: newState?.type },
  }));
  return JSON.stringify({ ...document, steps });
}

describe("PR comment renderer, on documents the real engine wrote", () => {
  it("reads creates, updates, replacements and deletions, leaving the stack resource out", () => {
    assert.deepEqual(
      recorded("create").changes.map((c) => [c.op, c.name]),
      [
        ["create", "shop-api"],
        ["create", "shop-api-service"],
      ],
    );
    assert.deepEqual(
      recorded("image-update").changes.map((c) => [c.op, c.type, c.name]),
      [["update", "pulumi-nodejs:dynamic/render:Service", "shop-api-service"]],
    );
    assert.deepEqual(
      recorded("replace").changes.map((c) => [c.op, c.name, c.reasons]),
      [["replace", "shop-api-service", ["region"]]],
    );
    assert.deepEqual(
      recorded("rename").changes.map((c) => [c.op, c.name]),
      [
        ["create", "shop-web"],
        ["create", "shop-web-service"],
        ["delete", "shop-api-service"],
        ["delete", "shop-api"],
      ],
    );
    assert.equal(recorded("no-changes").changes.length, 0);
  });

  const comment = renderComment([recorded("image-update"), recorded("rename", "production")], {
    runUrl: "https://github.com/acme/shop/actions/runs/42",
    commit: "0123456789abcdef",
  });

  it("starts with the hidden marker and the summary table: stack, platform and counts", () => {
    assert.ok(comment.startsWith(`${COMMENT_MARKER}\n## skyport preview\n`));
    assert.match(comment, /\| Stack \| Platform \| Create \| Update \| Replace \| Delete \| Result \|/);
    assert.match(comment, /\| `staging` \| render \| 0 \| 1 \| 0 \| 0 \| ✅ ready \|/);
    assert.match(comment, /\| `production` \| render \| 2 \| 0 \| 0 \| 2 ⚠️ \| ⚠️ destructive \|/);
    assert.ok(comment.indexOf("| Stack |") < comment.indexOf("<details>"), "the summary comes first");
  });

  it("calls out replacements and deletions by resource name", () => {
    assert.match(
      comment,
      /> - `production` \*\*deletes\*\* `shop-api-service` \(`pulumi-nodejs:dynamic\/render:Service`\)/,
    );
    assert.match(comment, /> - `production` \*\*deletes\*\* `shop-api` \(`skyport:platform:Render`\)/);
    const replaced = renderComment([recorded("replace")]);
    assert.match(replaced, /> - `staging` \*\*replaces\*\* `shop-api-service`/);
    assert.match(
      replaced,
      /\| replace \| `pulumi-nodejs:dynamic\/render:Service` \| `shop-api-service` \| `region` \|/,
    );
  });

  it("keeps per-stack details collapsed", () => {
    assert.equal((comment.match(/<details><summary>/g) ?? []).length, 2);
    assert.match(comment, /<summary><b>production<\/b> — 4 changes<\/summary>/);
  });

  it("says when nothing changes", () => {
    assert.match(
      renderComment([recorded("no-changes")]),
      /\| `staging` \| render \| 0 \| 0 \| 0 \| 0 \| ✅ no changes \|/,
    );
  });

  it("links to the run and names the commit", () => {
    assert.match(
      comment,
      /\[Workflow run\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/42\) · commit `0123456789ab`$/,
    );
  });

  it("never shows a secret: not in the recorded documents, not in the comment", () => {
    for (const file of readdirSync(FIXTURES)) {
      assert.doesNotMatch(read(file), /tok-recorded-1|tok-rotated-2|rnd_[0-9a-f]{8}/, file);
    }
    const secretChange = renderComment([recorded("secret-change")]);
    assert.match(secretChange, /\| update \| `pulumi-nodejs:dynamic\/render:Service` \| `shop-api-service` \|/);
    assert.doesNotMatch(secretChange, /tok-|rnd_|frankfurt/);
  });

  it("fails a stack that broke a mandatory policy, naming the policy, the resource and the message", () => {
    const failed = recorded("policy-failed");
    assert.equal(failed.kind, "failed");
    assert.deepEqual(
      failed.violations.map((v) => [v.level, v.policy, v.resource]),
      [["mandatory", "minimum-instances", "shop-api-service"]],
    );
    const text = renderComment([failed]);
    assert.match(text, /\| `staging` \| render \| — \| — \| — \| — \| ❌ failed: `minimum-instances` \|/);
    assert.match(
      text,
      /\| ❌ mandatory \| `minimum-instances` \| `shop-api-service` \| .*fewer than the 2 this stack requires\. Fix: set skyport:app\.minInstances to 2 or more\. \|/,
    );
    assert.doesNotMatch(text, /preview failed/, "the engine's generic line gives way to the violations");
  });

  it("shows advisory violations as warnings without failing the stack", () => {
    const events = read("staging-policy-failed.events.jsonl")
      .replaceAll('"enforcementLevel":"mandatory"', '"enforcementLevel":"advisory"')
      .replaceAll('"result":"failed"', '"result":"succeeded"');
    const document = read("staging-no-changes.json");
    const advisory = readStackPreview("staging", document, "unknown", events);
    assert.equal(advisory.kind, "preview");
    const text = renderComment([advisory]);
    assert.match(text, /✅ with warnings/);
    assert.match(text, /\| ⚠️ advisory \| `minimum-instances` \| `shop-api-service` \|/);
  });

  it("fails a stack whose config the program refused, with the program's message", () => {
    const failed = recorded("bad-config");
    assert.equal(failed.kind, "failed");
    const text = renderComment([failed]);
    assert.match(text, /\| `staging` \| render \| .* \| ❌ failed \|/);
    assert.match(text, /skyport:render\.plan: "gigantic" is not allowed; expected one of starter, standard/);
  });

  it("fails a stack whose preview left no document, or something that is not one", () => {
    const crashed = readStackPreview("qa", "error: could not load plugin\n", "ecs");
    assert.equal(crashed.kind, "failed");
    assert.match(renderComment([crashed]), /```text\nerror: could not load plugin\n```/);
    assert.equal(readStackPreview("qa", undefined).kind, "failed");
    assert.equal(
      readStackPreview("qa", read("staging-no-changes.json"), "render", '{"summaryEvent":{"result":"failed"}}').kind,
      "failed",
    );
  });

  it("shows a fork's offline plan for what it is", () => {
    const plan = JSON.stringify({
      stack: "staging",
      platform: "render",
      resources: [
        { type: "pulumi:pulumi:Stack", name: "s" },
        { type: "skyport:platform:Render", name: "shop-api" },
      ],
      outputs: {},
    });
    const text = renderComment([readStackPreview("staging", plan)]);
    assert.match(text, /\| `staging` \| render \| — \| — \| — \| — \| 🔌 offline plan \(no credentials\) \|/);
    assert.match(text, /1 resources in the offline plan/);
  });

  it("stays under GitHub's limit for thousands of resources, cutting details and keeping the summary", () => {
    const big = readStackPreview("big", hugePreview(5000));
    const text = renderComment([big, recorded("rename", "production")], { runUrl: "https://example.test/run" });
    assert.ok(text.length <= GITHUB_COMMENT_LIMIT, `${text.length} characters`);
    assert.match(text, /\| `big` \| render \| 0 \| 4900 \| 100 ⚠️ \| 0 \| ⚠️ destructive \|/);
    assert.match(text, /more not shown: the comment would pass GitHub's size limit/);
    assert.match(text, /\[Workflow run\]\(https:\/\/example\.test\/run\)$/);
  });

  it("escapes names that would break the table or a code block", () => {
    const weird = JSON.stringify({
      steps: [{ op: "create", urn: "urn:pulumi:s::p::t::na|me`x", newState: { type: "t" } }],
      diagnostics: [{ severity: "warning", message: "```\nclose the fence" }],
    });
    const text = renderComment([readStackPreview("s", weird)]);
    assert.match(text, /`na\\\|me'x`/);
    assert.doesNotMatch(text, /```\nclose the fence/);
  });

  it("npm run preview-comment reads each stack's document and the event log beside it", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(PROJECT_DIR, "tools", "previewComment", "cli.ts"),
        `staging=${join(FIXTURES, "staging-image-update.json")}`,
        `production=${join(FIXTURES, "staging-policy-failed.json")}`,
      ],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          GITHUB_SERVER_URL: "https://github.com",
          GITHUB_REPOSITORY: "acme/shop",
          GITHUB_RUN_ID: "7",
          PREVIEW_COMMIT: "feedface",
        },
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.startsWith(COMMENT_MARKER));
    assert.match(result.stdout, /\| `production` \| render \| .* \| ❌ failed: `minimum-instances` \|/);
    assert.match(
      result.stdout,
      /\[Workflow run\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/7\) · commit `feedface`/,
    );
    const usage = spawnSync(
      process.execPath,
      ["--import", "tsx", join(PROJECT_DIR, "tools", "previewComment", "cli.ts")],
      { encoding: "utf8" },
    );
    assert.equal(usage.status, 2);
  });
});
