/**
 * Records the preview documents the comment tests read, from the real Pulumi CLI on PATH:
 * `npm run record-previews` rewrites tests/fixtures/previews. Two stacks on two providers: the
 * staging stack on the fake Render API (the skyport-render plugin), and the example-kubernetes stack
 * on the real Kubernetes provider and the local control plane. Each scenario starts from the
 * same deployed stack and previews one change. Two things are changed on the way in, and only
 * these: the event logs keep only the events no preview document holds (resource events repeat
 * the document's steps; `npm run preview` already drops debug diagnostics), and this machine's
 * paths, ports and addresses are replaced by placeholders.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { PROJECT_DIR } from "../lib/plan/stackFile";
import { recordKubernetesPreviews } from "../lib/recording/kubernetesScenarios";
import { recordRenderPreviews } from "../lib/recording/renderScenarios";

/** Where the recorded documents go. */
export const RECORDED_PREVIEWS = join(PROJECT_DIR, "tests", "fixtures", "previews");

const PLATFORMS = [
  {
    title: "The staging stack on the skyport-render provider plugin (`staging-*`)",
    about: [
      "The staging stack, deployed to the fake Render API, then one change previewed at a time. The",
      "plugin's diff returns no `detailedDiff`: @pulumi/pulumi's provider server (3.276, the",
      "latest) has no field for one and sends the engine only whether it changes and what it",
      "replaces, so these documents show changes through the states alone.",
    ],
    record: recordRenderPreviews,
  },
  {
    title: "The example-kubernetes stack on the real Kubernetes provider (`kubernetes-*`)",
    about: [
      "The example-kubernetes stack, deployed by the Kubernetes provider (built by",
      "`.ci/build-kubernetes-provider.sh`) to the local control plane of the Kubernetes tiers,",
      "then one change previewed at a time. The provider's `detailedDiff` compares the program's",
      "inputs with the live object (`inputDiff: false`) and names each change's kind.",
    ],
    record: recordKubernetesPreviews,
  },
];

const HAND_WRITTEN = [
  "## Written by hand",
  "",
  "No engine here can produce a few cases, so tests/tools/propertyDiff.test.ts builds them from",
  "these recordings, changing only what the case needs, and says so where it does: an asset or",
  "archive (a Lambda's code; no provider here takes one), a value known only after apply in an",
  "update, the diff kinds neither provider wrote here (`add-replace`, `delete-replace`), and the",
  "bridged providers' `__defaults`. The rest is the engine's own: JSON in a property",
  "(`kubernetes-json-env`), named lists (`kubernetes-env-change`), the Kubernetes provider's",
  "bookkeeping (`__inputs`, `__fieldManager`) and colour directives (`staging-policy-failed-colour`).",
];

async function record(): Promise<void> {
  const staging = `${RECORDED_PREVIEWS}.new`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const index = [
    "# Preview documents recorded from the real Pulumi CLI",
    "",
    "`npm run record-previews` rewrites this folder (see tools/record-previews/cli.ts). Each",
    "scenario has `pulumi preview --json` (`.json`) and the engine's event log (`.events.jsonl`),",
    "which keeps only the events the document lacks (policy events, diagnostics, the summary).",
  ];
  for (const platform of PLATFORMS) {
    const lines = await platform.record(staging);
    index.push("", `## ${platform.title}`, "", ...platform.about, "", ...lines);
  }
  index.push("", ...HAND_WRITTEN);
  writeFileSync(join(staging, "README.md"), `${index.join("\n")}\n`);
  rmSync(RECORDED_PREVIEWS, { recursive: true, force: true });
  renameSync(staging, RECORDED_PREVIEWS);
}

export const recordPreviewsCommand = defineCommand({
  name: "record-previews",
  usage: "",
  description: `
Rewrites tests/fixtures/previews with the Pulumi CLI on PATH: the staging stack on the fake
Render API, and the example-kubernetes stack on the Kubernetes provider and a local control
plane (bash .ci/build-kube-tier.sh and .ci/build-kubernetes-provider.sh build them), each
deployed and then one change previewed at a time. Exit 0, 1 when a preview could not be
recorded.`,
  run: async () => {
    await record();
    return 0;
  },
  describeFailure: (err) => (err instanceof Error ? (err.stack ?? err.message) : String(err)),
});

runWhenMain(module, recordPreviewsCommand);
