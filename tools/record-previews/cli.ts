/**
 * Records the preview documents the comment tests read, from the real Pulumi CLI on PATH
 * against the fake Render API: `npm run record-previews` rewrites tests/fixtures/previews.
 * Each scenario starts from the same deployed staging stack and previews one change.
 * Two things are changed on the way in, and only these: the event logs keep only the events no
 * preview document holds (resource events repeat the document's steps, and debug diagnostics
 * are noise), and this machine's paths and the fake's port are replaced by placeholders.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { PROJECT_DIR } from "../lib/plan/stackFile";
import { EngineProject } from "../../tests/support/engine/engineProject";
import { FakeRenderApi } from "../../tests/support/fakeRender/fakeRenderApi";

/** Where the recorded documents go. */
export const RECORDED_PREVIEWS = join(PROJECT_DIR, "tests", "fixtures", "previews");

/** One change to preview, undone afterwards by restoring the stack file. */
interface Scenario {
  name: string;
  /** What the scenario changes, for the fixture's index. */
  description: string;
  change?: (engine: EngineProject, fake: FakeRenderApi) => Promise<void> | void;
  /** Puts back what change did outside the stack file. */
  undo?: (fake: FakeRenderApi) => void;
  /** Preview against a copy of this stack's policy config instead of staging's. */
  policyOf?: string;
  /** Preview as the drift check does: `--refresh --expect-no-changes`. */
  driftCheck?: boolean;
}

/** The deployed service at the fake: there is one. */
function deployedService(fake: FakeRenderApi) {
  const [service] = [...fake.services.values()];
  return service;
}

const SCENARIOS: Scenario[] = [
  { name: "no-changes", description: "nothing changed since the last up" },
  {
    name: "image-update",
    description: "a new image digest",
    change: (engine) =>
      engine.setConfig("staging", "skyport:image", `ghcr.io/acme/skyport-app@sha256:${"c0de".repeat(16)}`),
  },
  {
    name: "scaling",
    description: "maxInstances 1 → 3 (turns on autoscaling)",
    change: (engine) => engine.setConfig("staging", "skyport:app.maxInstances", "3"),
  },
  {
    name: "env-change",
    description: "LOG_LEVEL debug → info, and a new env var FEATURE_CHECKOUT",
    change: async (engine) => {
      await engine.setConfig("staging", "skyport:app.env.LOG_LEVEL", "info");
      await engine.setConfig("staging", "skyport:app.env.FEATURE_CHECKOUT", "on");
    },
  },
  {
    name: "secret-change",
    description: "a new value for the secret API_TOKEN",
    change: (engine) => engine.setConfig("staging", "skyport:secrets.API_TOKEN", "tok-rotated-2", { secret: true }),
  },
  {
    name: "replace",
    description: "region frankfurt → oregon, which Render cannot change in place",
    change: (engine) => engine.setConfig("staging", "skyport:render.region", "oregon"),
  },
  {
    name: "rename",
    description: "app name shop-api → shop-web: the old resources are deleted, new ones created",
    change: (engine) => engine.setConfig("staging", "skyport:app.name", "shop-web"),
  },
  {
    name: "policy-failed",
    description: "production's policy config on this one-instance stack",
    policyOf: "production",
  },
  {
    name: "drift",
    description: "the instance count changed to 3 in Render's dashboard; previewed with --refresh --expect-no-changes",
    change: (_engine, fake) => {
      deployedService(fake).serviceDetails.numInstances = 3;
    },
    undo: (fake) => {
      deployedService(fake).serviceDetails.numInstances = 1;
    },
    driftCheck: true,
  },
  {
    name: "bad-config",
    description: "an unknown Render plan",
    change: (engine) => engine.setConfig("staging", "skyport:render.plan", "gigantic"),
  },
];

/** This machine's paths and the fake's port, as placeholders. */
function scrub(text: string, engine: EngineProject, fake: FakeRenderApi): string {
  const relativeRepo = new RegExp(
    `(\\.\\./)+${PROJECT_DIR.replace(/^\//, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
    "g",
  );
  return text
    .replaceAll(engine.dir, "<project>")
    .replaceAll(PROJECT_DIR, "<repo>")
    .replace(relativeRepo, "<repo>")
    .replaceAll(fake.baseUrl, "http://127.0.0.1:<port>/v1");
}

/** Event kinds whose content the preview document already has. */
const REPEATED_EVENTS = /^\{"sequence":\d+,"timestamp":\d+,"(resourcePreEvent|resOutputsEvent)"/;

function withoutRepeats(eventLog: string): string {
  return eventLog
    .split("\n")
    .filter((line) => line && !REPEATED_EVENTS.test(line))
    .map((line) => `${line}\n`)
    .join("");
}

async function record(): Promise<void> {
  const fake = await new FakeRenderApi().start();
  const engine = new EngineProject();
  try {
    await engine.initRenderStaging(fake);
    await engine.setConfig("staging", "skyport:secrets.API_TOKEN", "tok-recorded-1", { secret: true });
    const previewInto = (name: string, driftCheck = false) =>
      engine.preview({
        stack: "staging",
        outDir: join(engine.dir, "recorded", name),
        refresh: driftCheck,
        expectNoChanges: driftCheck,
      });
    const created = await previewInto("create");
    const outputs = [{ name: "create", description: "the first preview of a new stack", run: created }];
    await engine.must(["up", "--stack", "staging", "--yes", "--skip-preview"]);
    const deployed = readFileSync(engine.stackFile("staging"), "utf8");
    const policyFile = join(engine.dir, "policy", "config", "staging.json");
    const stagingPolicy = readFileSync(policyFile, "utf8");
    for (const scenario of SCENARIOS) {
      await scenario.change?.(engine, fake);
      if (scenario.policyOf) {
        writeFileSync(policyFile, readFileSync(join(engine.dir, "policy", "config", `${scenario.policyOf}.json`)));
      }
      outputs.push({ ...scenario, run: await previewInto(scenario.name, scenario.driftCheck) });
      scenario.undo?.(fake);
      writeFileSync(engine.stackFile("staging"), deployed);
      writeFileSync(policyFile, stagingPolicy);
    }
    rmSync(RECORDED_PREVIEWS, { recursive: true, force: true });
    mkdirSync(RECORDED_PREVIEWS, { recursive: true });
    const index = [
      "# Preview documents recorded from the real Pulumi CLI",
      "",
      "`npm run record-previews` rewrites this folder (see tools/record-previews/cli.ts): the staging",
      "stack, deployed to the fake Render API, then one change previewed at a time. Each scenario has",
      "`pulumi preview --json` (`.json`) and the engine's event log (`.events.jsonl`), which keeps only the",
      "events the document lacks (policy events, diagnostics, the summary): no resource events, no debug lines.",
      "",
    ];
    for (const { name, description, run } of outputs) {
      const base = join(RECORDED_PREVIEWS, `staging-${name}`);
      writeFileSync(`${base}.json`, scrub(readFileSync(run.documentPath, "utf8"), engine, fake));
      writeFileSync(
        `${base}.events.jsonl`,
        scrub(withoutRepeats(readFileSync(run.eventsPath, "utf8")), engine, fake),
      );
      index.push(`- \`staging-${name}\`: ${description} (exit ${run.exitCode})`);
    }
    writeFileSync(join(RECORDED_PREVIEWS, "README.md"), `${index.join("\n")}\n`);
  } finally {
    engine.dispose();
    await fake.stop();
  }
}

export const recordPreviewsCommand = defineCommand({
  name: "record-previews",
  usage: "",
  description: `
Rewrites tests/fixtures/previews: the staging stack deployed by the Pulumi CLI on PATH to the
fake Render API, then one change previewed at a time, each as a preview document and an event
log. Exit 0, 1 when a preview could not be recorded.`,
  run: async () => {
    await record();
    return 0;
  },
  describeFailure: (err) => (err instanceof Error ? (err.stack ?? err.message) : String(err)),
});

runWhenMain(module, recordPreviewsCommand);
