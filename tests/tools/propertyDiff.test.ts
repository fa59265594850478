import assert from "node:assert/strict";
import { CHANGES_FOUND_EXIT, classifyDrift } from "../../tools/lib/drift/classifyDrift";
import { driftIssueBody } from "../../tools/lib/github/driftIssue";
import { displayValue } from "../../tools/lib/report/displayValue";
import { UNKNOWN_VALUE } from "../../tools/lib/report/engineValues";
import { readStackPreview, type StackPreview } from "../../tools/lib/report/previewDocument";
import { renderComment, renderReport } from "../../tools/lib/report/renderComment";
import { printVerdict } from "../../tools/lib/report/verdict";
import { readRecorded, recordedDocument, type RecordedStep, recordedPreview } from "../support/recordedPreviews";

const read = readRecorded;

/** A recorded Kubernetes scenario, read as the comment reads it. */
const kubernetes = (scenario: string) => recordedPreview(`kubernetes-${scenario}`, "cluster", "kubernetes");

/** A recorded scenario's document with its Deployment's step changed. */
function editedDeployment(scenario: string, edit: (step: RecordedStep) => RecordedStep): StackPreview {
  const document = recordedDocument(`kubernetes-${scenario}.json`);
  document.steps = document.steps.map((step) => (step.urn.endsWith("::shop-api-deployment") ? edit(step) : step));
  return readStackPreview("cluster", JSON.stringify(document), "kubernetes");
}

/** The Deployment's changes in a preview. */
const deploymentChange = (preview: StackPreview) => preview.changes.find((c) => c.name === "shop-api-deployment")!;

/** The Changes cell of one resource's row in the comment. */
function cellOf(preview: StackPreview, name: string): string {
  const row = renderComment([preview])
    .split("\n")
    .find((line) => /^\| (update|replace) \|/.test(line) && line.includes(`\`${name}\``));
  assert.ok(row, `a row for ${name}`);
  return row.split(" | ").slice(3).join(" | ").replace(/ \|$/, "");
}

const CONTAINER = 'spec.template.spec.containers[name="app"]';

describe("property diffs, on the Kubernetes provider's real preview documents", () => {
  it("reads the document's `kind` and the event log's `diffKind` spelling alike", () => {
    const document = recordedDocument("kubernetes-image-update.json");
    assert.ok(document.steps.some((step) => step.detailedDiff && Object.values(step.detailedDiff)[0].kind));
    const respelled = {
      ...document,
      steps: document.steps.map((step) => ({
        ...step,
        detailedDiff:
          step.detailedDiff &&
          Object.fromEntries(
            Object.entries(step.detailedDiff).map(([path, { kind, ...rest }]) => [path, { diffKind: kind, ...rest }]),
          ),
      })),
    };
    const asDocument = kubernetes("image-update");
    const asEventLog = readStackPreview("cluster", JSON.stringify(respelled), "kubernetes");
    assert.deepEqual(asEventLog.changes, asDocument.changes);
    const [image] = deploymentChange(asDocument).properties;
    assert.equal(image.path, `${CONTAINER}.image`);
    assert.equal(image.kind, "update");
    assert.match(String(image.old), /^ghcr\.io\/acme\/skyport-app@sha256:/);
    assert.notEqual(image.old, image.new);
  });

  it("reads every kind Pulumi reports, and marks the property that forces a replacement", () => {
    const kinds = ["add", "add-replace", "delete", "delete-replace", "update", "update-replace"];
    const preview = editedDeployment("image-update", (step) => ({
      ...step,
      detailedDiff: Object.fromEntries(
        kinds.map((kind) => [`metadata.labels.${kind.replace("-", "_")}`, { kind, inputDiff: true }]),
      ),
      oldState: {
        ...step.oldState,
        inputs: {
          ...step.oldState!.inputs,
          metadata: { labels: { delete: "a", delete_replace: "b", update: "c", update_replace: "d" } },
        },
      },
      newState: {
        ...step.newState,
        inputs: {
          ...step.newState!.inputs,
          metadata: { labels: { add: "e", add_replace: "f", update: "g", update_replace: "h" } },
        },
      },
    }));
    const shown = deploymentChange(preview).properties.map((p) => [p.path, p.kind, p.replaces ?? false]);
    assert.deepEqual(shown, [
      ["metadata.labels.add", "add", false],
      ["metadata.labels.add_replace", "add", true],
      ["metadata.labels.delete", "delete", false],
      ["metadata.labels.delete_replace", "delete", true],
      ["metadata.labels.update", "update", false],
      ["metadata.labels.update_replace", "update", true],
    ]);
    assert.equal(
      cellOf(preview, "shop-api-deployment"),
      [
        "`metadata.labels.add`: added `e`",
        "`metadata.labels.add_replace` 🔁: added `f`",
        "`metadata.labels.delete`: removed (was `a`)",
        "`metadata.labels.delete_replace` 🔁: removed (was `b`)",
        "`metadata.labels.update`: `c` → `g`",
        "`metadata.labels.update_replace` 🔁: `d` → `h`",
      ].join("<br>"),
    );
    assert.doesNotMatch(renderComment([preview]), /undefined/);
  });

  it("compares against the old outputs when the engine says inputDiff: false, as the provider does", () => {
    const [image] = deploymentChange(kubernetes("image-update")).properties;
    const withInputs = editedDeployment("image-update", (step) => ({
      ...step,
      oldState: { ...step.oldState, outputs: { spec: { template: { spec: { containers: [{ name: "app" }] } } } } },
    }));
    const [fromOutputs] = deploymentChange(withInputs).properties;
    assert.equal(fromOutputs.kind, "update");
    assert.equal(fromOutputs.old, undefined, "the value came from the old outputs, which no longer hold it");
    assert.equal(
      cellOf(withInputs, "shop-api-deployment"),
      `\`${CONTAINER}.image\`: added \`${displayValue(image.new)}\``,
    );
  });

  it("names elements of named lists by their name, not the position an insertion shifted", () => {
    assert.equal(
      cellOf(kubernetes("env-change"), "shop-api-deployment"),
      [
        `\`${CONTAINER}.env[name="LOG_LEVEL"].value\`: \`debug\` → \`info\``,
        `\`${CONTAINER}.env[name="FEATURE_CHECKOUT"]\`: added \`{"name":"FEATURE_CHECKOUT","value":"on"}\``,
      ].join("<br>"),
    );
    assert.equal(
      cellOf(kubernetes("drift"), "shop-api-deployment"),
      `\`${CONTAINER}.env[name="LOG_LEVEL"].value\`: \`trace\` → \`debug\``,
    );
  });

  it("says which element a list lost, and what replaced it", () => {
    const cell = cellOf(kubernetes("env-removed"), "shop-api-deployment");
    assert.match(cell, /env\[name="[A-Z_]+"\]`: removed \(was `\{"name":"[A-Z_]+",/);
    assert.doesNotMatch(cell, /undefined/);
  });

  it("diffs a JSON string by the path inside it", () => {
    const [change] = deploymentChange(kubernetes("json-env")).properties;
    assert.equal(change.path, `${CONTAINER}.env[name="FEATURE_FLAGS"].value`);
    assert.equal(change.jsonPath, "checkout.percent");
    assert.equal(
      cellOf(kubernetes("json-env"), "shop-api-deployment"),
      `\`${CONTAINER}.env[name="FEATURE_FLAGS"].value\` › \`checkout.percent\`: \`10\` → \`50\``,
    );
  });

  it("shows a long string's window around its first difference, the same on both sides", () => {
    const [change] = deploymentChange(kubernetes("long-value")).properties;
    assert.ok(String(change.old).length > 64 && String(change.new).length > 64);
    const [before, after] = cellOf(kubernetes("long-value"), "shop-api-deployment")
      .split(": ")
      .slice(1)
      .join(": ")
      .split(" → ");
    assert.notEqual(before, after);
    const common = (a: string, b: string) => [...a].findIndex((ch, i) => ch !== b[i]);
    const at = common(String(change.old), String(change.new));
    const shownAt = common(before, after);
    assert.ok(shownAt > 0 && shownAt < 64, `the difference (at ${at} of the value) is inside the window`);
    assert.ok(before.length <= 66 && after.length <= 66, "each side fits the value width with its backticks");
  });

  it("keeps a secret masked on both sides and says it is a secret, with the replacement it forces", () => {
    const preview = kubernetes("secret-change");
    assert.equal(
      cellOf(preview, "shop-api-env"),
      "replaced because of `data.API_TOKEN`<br>`data.API_TOKEN` 🔁: `[secret]` → `[secret]` (a secret)",
    );
    assert.doesNotMatch(renderComment([preview]), /tok-|dG9r/);
  });

  it("shows a value known only after apply as that, never as undefined", () => {
    const preview = editedDeployment("image-update", (step) => ({
      ...step,
      detailedDiff: { "metadata.labels.revision": { kind: "update", inputDiff: true } },
      oldState: { ...step.oldState, inputs: { ...step.oldState!.inputs, metadata: { labels: { revision: "r1" } } } },
      newState: {
        ...step.newState,
        inputs: { ...step.newState!.inputs, metadata: { labels: { revision: UNKNOWN_VALUE } } },
      },
    }));
    assert.equal(cellOf(preview, "shop-api-deployment"), "`metadata.labels.revision`: `r1` → _known after apply_");
  });

  it("shows assets and archives as what they are, never as secrets", () => {
    const archive = (hash: string) => ({
      "4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7",
      hash,
      path: "./dist/handler.zip",
    });
    const asset = { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", hash: "f00d", text: "x" };
    const preview = editedDeployment("image-update", (step) => ({
      ...step,
      detailedDiff: { code: { kind: "update", inputDiff: true }, readme: { kind: "add", inputDiff: true } },
      oldState: { ...step.oldState, inputs: { ...step.oldState!.inputs, code: archive("aaa111") } },
      newState: { ...step.newState, inputs: { ...step.newState!.inputs, code: archive("bbb222"), readme: asset } },
    }));
    const cell = cellOf(preview, "shop-api-deployment");
    assert.equal(
      cell,
      "`code`: archive changed: `archive ./dist/handler.zip aaa111` → `archive ./dist/handler.zip bbb222`<br>`readme`: added `asset inline text f00d`",
    );
    assert.doesNotMatch(cell, /secret/);
  });

  it("never shows the engine's and the providers' bookkeeping", () => {
    const preview = editedDeployment("image-update", (step) => ({
      ...step,
      detailedDiff: {
        ...step.detailedDiff,
        __defaults: { kind: "update", inputDiff: true },
        "spec.__defaults[0]": { kind: "add", inputDiff: true },
      },
      newState: { ...step.newState, inputs: { ...step.newState!.inputs, __defaults: ["replicas"] } },
    }));
    assert.deepEqual(
      deploymentChange(preview).properties.map((p) => p.path),
      [`${CONTAINER}.image`],
    );
    const text = renderComment([kubernetes("drift"), preview]);
    assert.doesNotMatch(text, /__defaults|__inputs|__fieldManager|__initialApiVersion/);
  });
});

describe("messages from an engine that wrote colour", () => {
  const coloured = () => recordedPreview("staging-policy-failed-colour", "staging", "render");

  it("the recording holds the engine's colour directives", () => {
    assert.match(read("staging-policy-failed-colour.events.jsonl"), /<\{%[a-z]+%\}>/);
  });

  it("strips them from the violations, the error block and the verdict's annotation", () => {
    const preview = coloured();
    assert.equal(preview.kind, "failed");
    assert.ok(preview.violations.length > 0);
    const text = renderComment([preview]);
    let verdict = "";
    printVerdict([preview], (line) => {
      verdict += line;
      return true;
    });
    for (const shown of [text, verdict, preview.error ?? "", ...preview.violations.map((v) => v.message)]) {
      assert.doesNotMatch(shown, /<\{%|&lt;\{%/);
      assert.ok(!shown.includes("\u001b["), "no ANSI escape");
    }
    assert.match(verdict, /minimum-instances/);
  });
});

describe("one rendering of a change, wherever it is shown", () => {
  it("the PR comment, the job summary and the drift issue show the same lines", () => {
    const document = read("kubernetes-drift.json");
    const drift = classifyDrift("cluster", {
      exitCode: CHANGES_FOUND_EXIT,
      document,
      eventLog: read("kubernetes-drift.events.jsonl"),
    });
    assert.equal(drift.kind, "drifted");
    const line = `\`${CONTAINER}.env[name="LOG_LEVEL"].value\`: \`trace\` → \`debug\``;
    const preview = kubernetes("drift");
    for (const shown of [
      renderComment([preview]),
      renderReport([preview], { title: "Plan for cluster" }),
      driftIssueBody(drift.preview),
    ]) {
      assert.ok(shown.includes(line), shown);
    }
  });
});
