import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import {
  initKubernetesStack,
  kubernetesEngine,
  type KubernetesTestbed,
  readDeployment,
  startKubernetesTestbed,
} from "../../../tests/support/engine/kubernetesStacks";
import { PROJECT_DIR } from "../plan/stackFile";
import { recordScenarios, type Scenario, scrubPaths } from "./recordScenarios";

const STACK = "example-kubernetes";
const NAMESPACE = "shop-dev";

/** An env var holding JSON, as feature-flag and client configs often are. */
const FEATURE_FLAGS = (percent: number) => JSON.stringify({ checkout: { enabled: true, percent }, search: "v2" });
/** A long plain value whose change sits in its middle. */
const ALLOWED_ORIGINS = (third: string) =>
  ["https://shop.example.test", "https://admin.shop.example.test", third, "https://partners.shop.example.test"].join(
    ",",
  );

/** Sets the Deployment's LOG_LEVEL with the API, as `kubectl edit` would (its own field manager). */
async function editLogLevel(testbed: KubernetesTestbed, value: string): Promise<void> {
  const deployment = await readDeployment(testbed, NAMESPACE);
  const at = deployment?.spec?.template.spec?.containers[0].env?.findIndex((v) => v.name === "LOG_LEVEL") ?? -1;
  if (at < 0) throw new Error("the deployed Deployment has no LOG_LEVEL");
  await testbed.apps.patchNamespacedDeployment(
    {
      name: "shop-api",
      namespace: NAMESPACE,
      body: [{ op: "replace", path: `/spec/template/spec/containers/0/env/${at}/value`, value }],
      fieldManager: "kubectl-edit",
    },
    setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
  );
}

const SCENARIOS: Array<Scenario<KubernetesTestbed>> = [
  { name: "no-changes", description: "nothing changed since the last up" },
  {
    name: "image-update",
    description: "a new image digest",
    change: (engine) =>
      engine.setConfig(STACK, "skyport:image", `ghcr.io/acme/skyport-app@sha256:${"c0de".repeat(16)}`),
  },
  {
    name: "env-change",
    description: "LOG_LEVEL debug → info, and a new env var FEATURE_CHECKOUT",
    change: async (engine) => {
      await engine.setConfig(STACK, "skyport:app.env.LOG_LEVEL", "info");
      await engine.setConfig(STACK, "skyport:app.env.FEATURE_CHECKOUT", "on");
    },
  },
  {
    name: "json-env",
    description: "FEATURE_FLAGS, an env var holding JSON: checkout.percent 10 → 50",
    change: (engine) => engine.setConfig(STACK, "skyport:app.env.FEATURE_FLAGS", FEATURE_FLAGS(50)),
  },
  {
    name: "long-value",
    description: "ALLOWED_ORIGINS, a long value, changed in its middle",
    change: (engine) =>
      engine.setConfig(STACK, "skyport:app.env.ALLOWED_ORIGINS", ALLOWED_ORIGINS("https://beta.shop.example.test")),
  },
  {
    name: "env-removed",
    description: "the env var LOG_LEVEL removed",
    change: async (engine) => {
      await engine.must(["config", "rm", "--stack", STACK, "--path", "skyport:app.env.LOG_LEVEL"]);
    },
  },
  {
    name: "scaling",
    description: "minInstances 1 → 2 and maxInstances 3 → 5 (the autoscaler's bounds, and a PodDisruptionBudget)",
    change: async (engine) => {
      await engine.setConfig(STACK, "skyport:app.minInstances", "2");
      await engine.setConfig(STACK, "skyport:app.maxInstances", "5");
    },
  },
  {
    name: "secret-change",
    description: "a new value for the secret API_TOKEN",
    change: (engine) => engine.setConfig(STACK, "skyport:secrets.API_TOKEN", "tok-rotated-2", { secret: true }),
  },
  {
    name: "domain",
    description: "a domain: the Service becomes ClusterIP and an Ingress with TLS is created",
    change: (engine) => engine.setConfig(STACK, "skyport:app.domain", "shop.example.test"),
  },
  {
    name: "replace",
    description: "namespace shop-dev → shop-next: the namespace and everything in it replaced",
    change: (engine) => engine.setConfig(STACK, "skyport:kubernetes.namespace", "shop-next"),
  },
  {
    name: "drift",
    description: "LOG_LEVEL edited to trace with the API; previewed with --refresh --expect-no-changes",
    change: (_engine, testbed) => editLogLevel(testbed, "trace"),
    undo: (testbed) => editLogLevel(testbed, "debug"),
    driftCheck: true,
  },
];

/**
 * The example-kubernetes stack on the real Kubernetes provider (built by
 * .ci/build-kubernetes-provider.sh) against the local control plane, found through KUBECONFIG.
 * Its diffs come from the provider: `detailedDiff`, against the live object.
 * Writes each scenario's documents into `folder`; resolves with the index lines.
 */
export async function recordKubernetesPreviews(folder: string): Promise<string[]> {
  const testbed = await startKubernetesTestbed();
  const engine = await kubernetesEngine(testbed);
  try {
    await initKubernetesStack(engine, STACK);
    await engine.setConfig(STACK, "skyport:secrets.API_TOKEN", "tok-recorded-1", { secret: true });
    await engine.setConfig(STACK, "skyport:app.env.FEATURE_FLAGS", FEATURE_FLAGS(10));
    await engine.setConfig(
      STACK,
      "skyport:app.env.ALLOWED_ORIGINS",
      ALLOWED_ORIGINS("https://staging.shop.example.test"),
    );
    return await recordScenarios(
      {
        prefix: "kubernetes",
        stack: STACK,
        engine,
        context: testbed,
        scenarios: SCENARIOS,
        scrub: (text) =>
          scrubPaths(text, engine, PROJECT_DIR)
            .replaceAll(testbed.cluster.dir, "<cluster>")
            .replaceAll(testbed.cluster.server, "https://127.0.0.1:<port>"),
      },
      folder,
    );
  } finally {
    engine.dispose();
    await testbed.stop();
  }
}
