import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readStackPreview } from "../../tools/previewComment/previewDocument";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment } from "../../tools/previewComment/renderComment";
import { PROJECT_DIR } from "../../tools/plan/stackFile";

const FIXTURES = join(__dirname, "..", "fixtures", "previews");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

/** A preview document with n creates, in Pulumi's shape. */
function hugePreview(n: number): string {
  const steps = Array.from({ length: n }, (_, i) => ({
    op: i % 50 === 0 ? "replace" : "create",
    urn: `urn:pulumi:big::skyport::skyport:platform:Ecs$aws:ec2/securityGroupRule:SecurityGroupRule::rule-with-a-long-name-${i}`,
    newState: { type: "aws:ec2/securityGroupRule:SecurityGroupRule" },
    replaceReasons: ["cidrBlocks"],
  }));
  return JSON.stringify({ config: { "skyport:platform": "ecs" }, steps, diagnostics: [] });
}

describe("PR comment renderer", () => {
  const staging = readStackPreview("staging", fixture("staging-render.json"));
  const production = readStackPreview("production", fixture("production-ecs.json"));
  const comment = renderComment([staging, production], {
    runUrl: "https://github.com/acme/shop/actions/runs/42",
    commit: "0123456789abcdef",
  });

  it("reads creates, updates, replacements and deletions from pulumi preview --json", () => {
    assert.equal(staging.kind, "preview");
    assert.deepEqual(staging.kind === "preview" && staging.changes.map((c) => [c.op, c.name]), [
      ["create", "shop-api"],
      ["create", "shop-api-service"],
    ]);
    assert.deepEqual(
      production.kind === "preview" && production.changes.map((c) => [c.op, c.type, c.name, c.reasons]),
      [
        ["replace", "aws:ecs/taskDefinition:TaskDefinition", "shop-api-task", ["containerDefinitions"]],
        ["update", "aws:ecs/service:Service", "shop-api-service", ["taskDefinition"]],
        ["delete", "aws:secretsmanager/secret:Secret", "shop-api-secret-old-token", []],
      ],
    );
  });

  it("starts with the hidden marker and the summary table: stack, platform and counts", () => {
    assert.ok(comment.startsWith(`${COMMENT_MARKER}\n## skyport preview\n`));
    assert.match(comment, /\| Stack \| Platform \| Create \| Update \| Replace \| Delete \| Result \|/);
    assert.match(comment, /\| `staging` \| render \| 2 \| 0 \| 0 \| 0 \| ✅ ready \|/);
    assert.match(comment, /\| `production` \| ecs \| 0 \| 1 \| 1 ⚠️ \| 1 ⚠️ \| ⚠️ destructive \|/);
    assert.ok(comment.indexOf("| Stack |") < comment.indexOf("<details>"), "the summary comes first");
  });

  it("calls out replacements and deletions by resource name", () => {
    assert.match(
      comment,
      /> - `production` \*\*replaces\*\* `shop-api-task` \(`aws:ecs\/taskDefinition:TaskDefinition`\)/,
    );
    assert.match(comment, /> - `production` \*\*deletes\*\* `shop-api-secret-old-token`/);
  });

  it("keeps per-stack details collapsed, with warnings shown", () => {
    assert.equal((comment.match(/<details><summary>/g) ?? []).length, 2);
    assert.match(comment, /<summary><b>production<\/b> — 3 changes<\/summary>/);
    assert.match(
      comment,
      /\*\*warning\*\* on `shop-api-service`:\n```text\ndesiredCount is ignored after creation; autoscaling owns it\n```/,
    );
  });

  it("links to the run and names the commit", () => {
    assert.match(
      comment,
      /\[Workflow run\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/42\) · commit `0123456789ab`$/,
    );
  });

  it("never shows a property value, so no secret can reach it", () => {
    assert.doesNotMatch(comment, /rnd_FIXTURE_KEY|\[secret\]|arn:aws|sha256:abc|frankfurt/);
  });

  it("shows a failed preview as failed, with its error", () => {
    const failed = readStackPreview("qa", fixture("failed.json"));
    assert.equal(failed.kind, "failed");
    const text = renderComment([failed]);
    assert.match(text, /\| `qa` \| cloudrun \| — \| — \| — \| — \| ❌ failed \|/);
    assert.match(text, /skyport:app\.memory: 8192 is not allowed/);
    const crashed = readStackPreview("qa", "error: could not load plugin\n", "ecs");
    assert.equal(crashed.kind, "failed");
    assert.match(renderComment([crashed]), /```text\nerror: could not load plugin\n```/);
    assert.equal(readStackPreview("qa", undefined).kind, "failed");
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
    const text = renderComment([big, production], { runUrl: "https://example.test/run" });
    assert.ok(text.length <= GITHUB_COMMENT_LIMIT, `${text.length} characters`);
    assert.match(text, /\| `big` \| ecs \| 4900 \| 0 \| 100 ⚠️ \| 0 \| ⚠️ destructive \|/);
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

  it("npm run preview-comment prints the comment for stack=file pairs", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(PROJECT_DIR, "tools", "previewComment", "cli.ts"),
        `staging=${join(FIXTURES, "staging-render.json")}`,
        `production=${join(FIXTURES, "production-ecs.json")}`,
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
