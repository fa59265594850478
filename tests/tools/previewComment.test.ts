import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPreviewFolder } from "../../tools/lib/report/previewFiles";
import { readStackCatalog } from "../../tools/lib/stacks/stackCatalog";
import { readStackPreview, type StackPreview } from "../../tools/lib/report/previewDocument";
import { shortenMiddle, VALUE_WIDTH } from "../../tools/lib/report/displayValue";
import { joinPath, splitPath } from "../../tools/lib/report/propertyPath";
import {
  COMMENT_MARKER,
  GITHUB_COMMENT_LIMIT,
  renderComment,
  renderReport,
} from "../../tools/lib/report/renderComment";
import { previewCommentCommand } from "../../tools/preview-comment/cli";
import { runCliSync, runCommand } from "../support/runCli";
import {
  hugePreview,
  readRecorded,
  type RecordedStep,
  recordedPreview,
  RECORDED_PREVIEWS as FIXTURES,
} from "../support/recordedPreviews";

const read = readRecorded;

/** A recorded scenario read as the comment reads it: document plus event log. */
const recorded = (scenario: string, stack = "staging") => recordedPreview(`staging-${scenario}`, stack);

/** The recorded image update with one step changed by `edit`, for cases the engine can't be made to write. */
function editedImageUpdate(edit: (step: RecordedStep) => RecordedStep): StackPreview {
  const document = JSON.parse(read("staging-image-update.json")) as { steps: RecordedStep[] };
  document.steps = document.steps.map((step) => (step.op === "update" ? edit(step) : step));
  return readStackPreview("staging", JSON.stringify(document));
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
      [["update", "skyport-render:index:Service", "shop-api-service"]],
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
    assert.match(comment, /> - `production` \*\*deletes\*\* `shop-api-service` \(`skyport-render:index:Service`\)/);
    assert.match(comment, /> - `production` \*\*deletes\*\* `shop-api` \(`skyport:platform:Render`\)/);
    const replaced = renderComment([recorded("replace")]);
    assert.match(
      replaced,
      /> - `staging` \*\*replaces\*\* `shop-api-service` \(`skyport-render:index:Service`\) because of `region`/,
    );
    assert.ok(replaced.indexOf("Destructive changes") < replaced.indexOf("<details>"), "flagged at the top");
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

  it("says why each stack of a folder got an offline plan: a fork, an example, or promotion.yaml's pullRequests: plan", () => {
    const dir = mkdtempSync(join(tmpdir(), "skyport-reasons-"));
    try {
      for (const stack of ["production", "local"]) {
        writeFileSync(
          join(dir, `${stack}.json`),
          JSON.stringify({ stack, platform: "ecs", resources: [], outputs: {} }),
        );
      }
      const byStack = (fromFork: boolean) =>
        Object.fromEntries(readPreviewFolder(dir, readStackCatalog(), fromFork).map((p) => [p.stack, p]));
      const sameRepository = byStack(false);
      assert.match(
        renderComment([sameRepository.production]),
        /Offline plan \(stacks\/promotion\.yaml keeps this stack's credentials and secrets away from pull requests \(pullRequests: plan\)\)/,
      );
      assert.match(renderComment([sameRepository.local]), /Offline plan \(an example stack, never deployed\)/);
      assert.match(
        renderComment([byStack(true).production]),
        /Offline plan \(this pull request comes from a fork, which gets no secrets\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stays under GitHub's limit for a 4,000-resource stack, dropping the largest stack's detail first, with a note linking to the run", () => {
    const big = readStackPreview("big", hugePreview(4000));
    const small = recorded("image-update", "small");
    const runUrl = "https://example.test/run";
    const text = renderComment([big, small], { runUrl });
    assert.ok(text.length <= GITHUB_COMMENT_LIMIT, `${text.length} characters`);
    assert.match(text, /\| `big` \| render \| 0 \| 3920 \| 80 ⚠️ \| 0 \| ⚠️ destructive \|/);
    const bigSection = text.slice(text.indexOf("<summary><b>big</b>"), text.indexOf("<summary><b>small</b>"));
    assert.match(
      bigSection,
      /left out to keep the comment under GitHub's size limit; \[the run\]\(https:\/\/example\.test\/run\) has the full preview/,
    );
    assert.doesNotMatch(bigSection, /`image`:/, "the big stack's property detail went first");
    assert.match(
      text.slice(text.indexOf("<summary><b>small</b>")),
      /`image`: `ghcr\.io/,
      "the small stack keeps its detail",
    );
    assert.match(text, /> - `big` \*\*replaces\*\* `shop-api-service-with-a-long-name-0`/, "replacements stay flagged");
    assert.match(text, /\[Workflow run\]\(https:\/\/example\.test\/run\)$/);
    const roomy = renderComment([big], { limit: 2_000_000 });
    assert.equal((roomy.match(/`image`: /g) ?? []).length, 3920, "with room, every property change is listed");
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

  it("npm run preview-comment reads each stack's document and the event log beside it", async () => {
    const result = runCliSync(
      "preview-comment",
      [
        `staging=${join(FIXTURES, "staging-image-update.json")}`,
        `production=${join(FIXTURES, "staging-policy-failed.json")}`,
      ],
      {
        env: {
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
    assert.equal((await runCommand(previewCommentCommand, [])).status, 2);
  });
});

describe("PR comment renderer: what changes, old → new, from the engine's documents", () => {
  /** The Changes cell of the one changed resource's row in a stack's section. */
  function changesCell(preview: StackPreview): string {
    const row = renderComment([preview])
      .split("\n")
      .find((line) => /^\| (update|replace) \|/.test(line));
    assert.ok(row, "a row for the changed resource");
    return row.split(" | ").slice(3).join(" | ");
  }

  it("shows a new image digest from its start to where it differs, both sides cut alike", () => {
    const [change] = recorded("image-update").changes;
    assert.deepEqual(
      change.properties.map((p) => [p.path, p.kind]),
      [["image", "update"]],
    );
    const cell = changesCell(recorded("image-update"));
    assert.match(
      cell,
      /^`image`: `ghcr\.io\/acme\/skyport-app@sha256:9f4c[0-9a-f]{27}…` → `ghcr\.io\/acme\/skyport-app@sha256:c0de[0-9a-f]{27}…` \|$/,
    );
    assert.equal(shortenMiddle("x".repeat(200)).length, VALUE_WIDTH);
    assert.equal(shortenMiddle("short"), "short");
  });

  it("shows a scaling change as nested paths, written the way Pulumi writes them", () => {
    assert.match(
      changesCell(recorded("scaling")),
      /^`autoscaling\.cpuPercent`: added `70`<br>`autoscaling\.max`: added `3`<br>`autoscaling\.min`: added `1` \|$/,
    );
  });

  it("shows env var changes under envVars", () => {
    assert.match(
      changesCell(recorded("env-change")),
      /^`envVars\.FEATURE_CHECKOUT`: added `on`<br>`envVars\.LOG_LEVEL`: `debug` → `info` \|$/,
    );
    assert.equal(joinPath("envVars", "my.dotted-key"), 'envVars["my.dotted-key"]');
    assert.deepEqual(splitPath('envVars["my.dotted-key"].x[2]'), ["envVars", "my.dotted-key", "x", 2]);
  });

  it("keeps a changed secret [secret] on both sides, as the engine masks it, and says so", () => {
    const preview = recorded("secret-change");
    assert.deepEqual(preview.changes[0].maskedChange, ["apiKey", "secretEnvVars"]);
    const text = renderComment([preview]);
    assert.match(
      changesCell(preview),
      /^`apiKey`, `secretEnvVars`: `\[secret\]` → `\[secret\]` \(a secret changed; the engine masks which\) \|$/,
    );
    assert.match(text, /Secret inputs show as `\[secret\]`/);
    assert.doesNotMatch(text, /tok-recorded-1|tok-rotated-2/);
  });

  it("never opens a signed secret value, wherever it sits", () => {
    const signed = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };
    const preview = editedImageUpdate((step) => ({
      ...step,
      newState: { ...step.newState, inputs: { ...step.newState!.inputs, envVars: { TOKEN: signed } } },
    }));
    const text = renderComment([preview]);
    assert.doesNotMatch(text, /hunter2/);
    assert.match(text, /`envVars\.TOKEN`: added `\[secret\]`/);
  });

  it("says why a replacement replaces, and marks the property that forces it", () => {
    const [change] = recorded("replace").changes;
    assert.deepEqual(change.reasons, ["region"]);
    assert.match(
      changesCell(recorded("replace")),
      /^replaced because of `region`<br>`region` 🔁: `frankfurt` → `oregon` \|$/,
    );
  });

  it("shows what drifted: the refreshed cloud value against the program's", () => {
    assert.match(changesCell(recorded("drift")), /^`numInstances`: `3` → `1` \|$/);
  });

  it("uses the engine's detailedDiff when it gives one, and its replace kinds", () => {
    const preview = editedImageUpdate((step) => ({
      ...step,
      detailedDiff: { "envVars.LOG_LEVEL": { diffKind: "update-replace", inputDiff: true } },
    }));
    assert.deepEqual(preview.changes[0].properties, [
      { path: "envVars.LOG_LEVEL", kind: "update", old: "debug", new: "debug", replaces: true },
    ]);
  });

  it("counts the stack's outputs and a change only to the provider's code apart, without listing them", () => {
    const providerOnly = editedImageUpdate((step) => ({
      ...step,
      newState: {
        ...step.newState,
        inputs: { ...step.oldState!.inputs, __provider: "exports.handler = function () {};" },
      },
    }));
    assert.deepEqual(providerOnly.changes, []);
    assert.deepEqual(providerOnly.unlisted, [{ name: "shop-api-service", why: "provider code" }]);
    const text = renderComment([providerOnly]);
    assert.match(text, /\| `staging` \| render \| 0 \| 0 \| 0 \| 0 \| ✅ no changes \|/);
    assert.match(
      text,
      /_Not listed, nothing to review: 1 update\(s\) of only the dynamic provider's code \(`__provider`\)\._/,
    );
    assert.doesNotMatch(text, /exports\.handler/);
    const document = JSON.parse(read("staging-image-update.json")) as { steps: RecordedStep[] };
    document.steps = document.steps.map((step) =>
      step.urn.includes("pulumi:pulumi:Stack") ? { ...step, op: "update" } : step,
    );
    const withStack = readStackPreview("staging", JSON.stringify(document));
    assert.deepEqual(withStack.unlisted, [{ name: "skyport-staging", why: "stack outputs" }]);
    assert.equal(withStack.changes.length, 1);
  });

  it("serves the job summary with the same report under another heading, without the PR marker", () => {
    const summary = renderReport([recorded("image-update", "production")], {
      title: "production: plan awaiting approval",
    });
    assert.ok(summary.startsWith("## production: plan awaiting approval\n"));
    assert.doesNotMatch(summary, /skyport-preview/);
    assert.match(summary, /`image`: `ghcr\.io/);
  });
});
