import { EngineProject } from "../../../tests/support/engine/engineProject";
import { FakeRenderApi } from "../../../tests/support/fakeRender/fakeRenderApi";
import { PROJECT_DIR } from "../plan/stackFile";
import { recordScenarios, type Scenario, scrubPaths } from "./recordScenarios";

/** The deployed service at the fake: there is one. */
function deployedService(fake: FakeRenderApi) {
  const [service] = [...fake.services.values()];
  return service;
}

const SCENARIOS: Array<Scenario<FakeRenderApi>> = [
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
    name: "policy-failed-colour",
    description: "the same, with the CLI's colour on (PULUMI_OPTION_COLOR=always): messages carry colour directives",
    policyOf: "production",
    env: { PULUMI_OPTION_COLOR: "always" },
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

/**
 * The staging (Render) stack on the fake Render API, through the skyport-render plugin. Its diff
 * returns no `detailedDiff`: @pulumi/pulumi's provider server (3.276, the latest) has no field
 * for one in DiffResult and sends the engine only changes, replaces and deleteBeforeReplace, so
 * these documents carry `diffs` and states, never a `detailedDiff`.
 * Writes each scenario's documents into `folder`; resolves with the index lines.
 */
export async function recordRenderPreviews(folder: string): Promise<string[]> {
  const fake = await new FakeRenderApi().start();
  const engine = new EngineProject();
  try {
    await engine.initRenderStaging(fake);
    await engine.setConfig("staging", "skyport:secrets.API_TOKEN", "tok-recorded-1", { secret: true });
    return await recordScenarios(
      {
        prefix: "staging",
        stack: "staging",
        engine,
        context: fake,
        scenarios: SCENARIOS,
        scrub: (text) => scrubPaths(text, engine, PROJECT_DIR).replaceAll(fake.baseUrl, "http://127.0.0.1:<port>/v1"),
      },
      folder,
    );
  } finally {
    engine.dispose();
    await fake.stop();
  }
}
