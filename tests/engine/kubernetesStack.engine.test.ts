import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { PatchStrategy, setHeaderOptions, type V1Deployment, type V1Secret, Watch } from "@kubernetes/client-node";
import { classifyDrift } from "../../tools/lib/drift/classifyDrift";
import { readStackPreview } from "../../tools/lib/report/previewDocument";
import { resourceOfUrn } from "../../tools/lib/pulumi/urn";
import { type EngineProject, FIRST_IMAGE } from "../support/engine/engineProject";
import { kubernetesProvider, requestedProviderVersion } from "../support/engine/kubernetesProvider";
import {
  FULL_FEATURE_NAMESPACE,
  FULL_FEATURE_SECRETS,
  initFullFeatureStack,
  initKubernetesStack,
  kubernetesEngine,
  kubernetesEngineMissing,
  type KubernetesTestbed,
  LOAD_BALANCER_ADDRESS,
  readDeployment,
  rolledOutImage,
  startKubernetesTestbed,
} from "../support/engine/kubernetesStacks";
import { tierNeedingTool } from "../support/tierNotices";
import { waitFor } from "../support/waitFor";
import { runCliSync } from "../support/runCli";

const TIER = "engine tier: the Kubernetes stacks on the real Kubernetes provider and a local control plane";

/** The one Secret holding a namespace's secret env, which the provider names `shop-api-env-<random>`. */
async function envSecret(testbed: KubernetesTestbed, namespace: string): Promise<V1Secret> {
  const { items } = await testbed.core.listNamespacedSecret({ namespace });
  const found = items.filter((secret) => secret.metadata?.name?.startsWith("shop-api-env-"));
  assert.equal(found.length, 1, `one env Secret in ${namespace}: ${found.map((s) => s.metadata?.name).join(", ")}`);
  return found[0];
}
const EXAMPLE = "example-kubernetes";
const EXAMPLE_NAMESPACE = "shop-dev";
const FULL = "full-kubernetes";
const NEW_IMAGE = `ghcr.io/acme/skyport-app@sha256:${"c0de".repeat(16)}`;
const EXAMPLE_TOKEN = "tok-kube-example-31c9";
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const jsonPatch = setHeaderOptions("Content-Type", PatchStrategy.JsonPatch);

interface PreviewDocument {
  steps: Array<{ op: string; urn: string; detailedDiff?: Record<string, { kind: string }> | null }>;
  changeSummary?: Record<string, number>;
}

/** Type and name of every resource a document's steps or an offline plan registers. */
function typesAndNames(resources: Array<{ type: string; name: string }>): string[] {
  return resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
    .map((r) => `${r.type} ${r.name}`)
    .sort();
}

/** `npm run plan -- --stack <stack> --json --config-file <file>`: the offline plan's resources. */
function offlinePlan(stack: string, configFile: string): Array<{ type: string; name: string }> {
  const plan = runCliSync("plan", ["--stack", stack, "--json", "--config-file", configFile]);
  assert.equal(plan.status, 0, plan.stderr);
  return (JSON.parse(plan.stdout) as { resources: Array<{ type: string; name: string }> }).resources;
}

/** Objects skyport labelled in a namespace: Deployments, Services, Secrets. */
async function skyportObjects(testbed: KubernetesTestbed, namespace: string): Promise<string[]> {
  const labelSelector = "app.kubernetes.io/managed-by=skyport";
  const [deployments, services, secrets] = await Promise.all([
    testbed.apps.listNamespacedDeployment({ namespace, labelSelector }),
    testbed.core.listNamespacedService({ namespace, labelSelector }),
    testbed.core.listNamespacedSecret({ namespace, labelSelector }),
  ]);
  return [
    ...deployments.items.map((d) => `Deployment ${d.metadata?.name}`),
    ...services.items.map((s) => `Service ${s.metadata?.name}`),
    ...secrets.items.map((s) => `Secret ${s.metadata?.name}`),
  ];
}

/** The Kubernetes types among resources that the provider's schema does not have. */
function unservedTypes(resources: Array<{ type: string }>, served: Set<string>): string[] {
  const types = [...new Set(resources.map((r) => r.type).filter((type) => type.startsWith("kubernetes:")))];
  assert.ok(types.length > 0, "the stack registers Kubernetes resources");
  return types.filter((type) => !served.has(type));
}

async function namespaceExists(testbed: KubernetesTestbed, name: string): Promise<boolean> {
  try {
    const found = await testbed.core.readNamespace({ name });
    return found.metadata?.deletionTimestamp === undefined;
  } catch {
    return false;
  }
}

tierNeedingTool(TIER, kubernetesEngineMissing(), () => {
  describe(TIER, function () {
    this.timeout(300_000);
    let testbed: KubernetesTestbed;
    let engine: EngineProject;
    /** The resource types the built provider serves, from its own schema. */
    let served: Set<string>;

    before(async () => {
      testbed = await startKubernetesTestbed();
      engine = await kubernetesEngine(testbed);
      await initKubernetesStack(engine, EXAMPLE);
      await engine.setConfig(EXAMPLE, "skyport:secrets.API_TOKEN", EXAMPLE_TOKEN, { secret: true });
    });
    after(async () => {
      engine?.dispose();
      await testbed?.stop();
    });

    it("runs the provider @pulumi/kubernetes asks for, built from the pinned source, serving every type the program registers", async () => {
      const provider = kubernetesProvider().provider!;
      assert.equal(provider.version, requestedProviderVersion());
      const plugins = JSON.parse((await engine.must(["plugin", "ls", "--json"])).stdout) as Array<{
        name: string;
        kind: string;
        version: string;
      }>;
      assert.deepEqual(
        plugins.filter((p) => p.name === "kubernetes").map((p) => `${p.kind} ${p.version}`),
        [`resource ${provider.version}`],
      );
      const schema = JSON.parse((await engine.must(["package", "get-schema", provider.binary])).stdout) as {
        version: string;
        resources: Record<string, unknown>;
      };
      assert.equal(schema.version, provider.version, "the schema carries the stamped version");
      served = new Set(Object.keys(schema.resources));
      assert.deepEqual(
        unservedTypes(offlinePlan(EXAMPLE, engine.stackFile(EXAMPLE)), served),
        [],
        "types the program registers that the built provider does not serve",
      );
    });

    it("previews with the policy pack, registering what the offline plan does", async () => {
      const run = await engine.preview({ stack: EXAMPLE });
      assert.equal(run.exitCode, 0, run.stderr);
      const document = JSON.parse(readFileSync(run.documentPath, "utf8")) as PreviewDocument;
      assert.deepEqual(
        typesAndNames(document.steps.map((step) => resourceOfUrn(step.urn))),
        typesAndNames(offlinePlan(EXAMPLE, engine.stackFile(EXAMPLE))),
      );
      assert.ok(document.steps.every((step) => step.op === "create"));
      assert.equal(readStackPreview(EXAMPLE, readFileSync(run.documentPath, "utf8"), "kubernetes").kind, "preview");
    });

    it("deploys with pulumi up: the provider waits until the Deployment is Available, and the url is the load balancer's", async () => {
      const up = await engine.up(EXAMPLE);
      assert.equal(up.exitCode, 0, up.stdout.slice(-3000) + up.stderr);
      assert.match(up.stdout, /Deployment initialization complete/, "the provider's own await saw the rollout");
      const deployment = await readDeployment(testbed, EXAMPLE_NAMESPACE);
      assert.equal(rolledOutImage(deployment), FIRST_IMAGE);
      assert.ok((deployment?.status?.availableReplicas ?? 0) >= 1);
      const outputs = JSON.parse((await engine.must(["stack", "output", "--stack", EXAMPLE, "--json"])).stdout) as {
        url: string;
      };
      assert.equal(outputs.url, `http://${LOAD_BALANCER_ADDRESS}`);
    });

    it("finds nothing to change on preview --refresh --expect-no-changes right after up", async () => {
      const run = await engine.preview({ stack: EXAMPLE, refresh: true, expectNoChanges: true });
      assert.equal(run.exitCode, 0, run.stdout.slice(-2000) + run.stderr);
      const verdict = classifyDrift(EXAMPLE, {
        exitCode: run.exitCode,
        document: readFileSync(run.documentPath, "utf8"),
        eventLog: readFileSync(run.eventsPath, "utf8"),
      });
      assert.equal(verdict.kind, "in-sync");
    });

    it("finds an env var edited with the API as drift, naming it; replicas scaled are the autoscaler's, not drift", async () => {
      await testbed.apps.patchNamespacedDeploymentScale(
        { name: "shop-api", namespace: EXAMPLE_NAMESPACE, body: { spec: { replicas: 3 } } },
        mergePatch,
      );
      assert.ok(
        await waitFor(
          async () => (await readDeployment(testbed, EXAMPLE_NAMESPACE))?.status?.availableReplicas === 3,
          60_000,
        ),
        "scaled to 3",
      );
      const scaled = await engine.preview({ stack: EXAMPLE, refresh: true, expectNoChanges: true });
      const scaledDocument = JSON.parse(readFileSync(scaled.documentPath, "utf8")) as PreviewDocument;
      assert.equal(
        scaled.exitCode,
        0,
        `the HorizontalPodAutoscaler owns replicas (ignoreChanges): ${JSON.stringify(scaledDocument.changeSummary)} ${scaledDocument.steps
          .filter((step) => step.op !== "same" && step.op !== "refresh")
          .map((step) => `${step.op} ${step.urn} ${JSON.stringify(step.detailedDiff)}`)
          .join("; ")} ${scaled.stderr.slice(-1000)}`,
      );

      const deployment = (await readDeployment(testbed, EXAMPLE_NAMESPACE))!;
      const env = deployment.spec!.template.spec!.containers[0].env!;
      const at = env.findIndex((variable) => variable.name === "LOG_LEVEL");
      await testbed.apps.patchNamespacedDeployment(
        {
          name: "shop-api",
          namespace: EXAMPLE_NAMESPACE,
          body: [{ op: "replace", path: `/spec/template/spec/containers/0/env/${at}/value`, value: "trace" }],
          fieldManager: "kubectl-edit",
        },
        jsonPatch,
      );
      const run = await engine.preview({ stack: EXAMPLE, refresh: true, expectNoChanges: true });
      const verdict = classifyDrift(EXAMPLE, {
        exitCode: run.exitCode,
        document: readFileSync(run.documentPath, "utf8"),
        eventLog: readFileSync(run.eventsPath, "utf8"),
        stderr: run.stderr,
      });
      assert.equal(verdict.kind, "drifted", verdict.kind === "failed" ? verdict.reason : "");
      const [change] = verdict.preview.changes;
      assert.equal(change.name, "shop-api-deployment");
      assert.deepEqual(
        change.properties.map((p) => [p.path, p.old, p.new]),
        [['spec.template.spec.containers[name="app"].env[name="LOG_LEVEL"].value', "trace", "debug"]],
        "the drift names the variable, the cloud's value and the program's",
      );
      const repaired = await engine.up(EXAMPLE, ["--refresh"]);
      assert.equal(repaired.exitCode, 0, repaired.stderr);
      const back = (await readDeployment(testbed, EXAMPLE_NAMESPACE))!;
      assert.equal(back.spec!.template.spec!.containers[0].env!.find((v) => v.name === "LOG_LEVEL")?.value, "debug");
    });

    it("fails a bad config through the engine before anything is created", async () => {
      copyFileSync(engine.stackFile(EXAMPLE), engine.stackFile("bad-kubernetes"));
      await initKubernetesStack(engine, "bad-kubernetes");
      await engine.setConfig("bad-kubernetes", "skyport:kubernetes.namespace", "shop-bad");
      await engine.setConfig("bad-kubernetes", "skyport:app.cpu", "0.0005");
      const up = await engine.up("bad-kubernetes");
      assert.notEqual(up.exitCode, 0);
      assert.match(up.stdout + up.stderr, /skyport:app\.cpu.*0\.0005.*a whole number of millicores on kubernetes/s);
      assert.equal(await namespaceExists(testbed, "shop-bad"), false, "nothing was created");
      const state = JSON.parse(await engine.exportStack("bad-kubernetes")) as {
        deployment: { resources?: Array<{ type: string }> };
      };
      assert.deepEqual(
        (state.deployment.resources ?? []).map((r) => r.type).filter((type) => type !== "pulumi:pulumi:Stack"),
        [],
        "only the stack itself is in the state",
      );
    });

    it("keeps the secret out of the state, the preview document and the event log", async () => {
      const run = await engine.preview({ stack: EXAMPLE });
      const events = readFileSync(run.eventsPath, "utf8");
      for (const [what, text] of [
        ["state", await engine.exportStack(EXAMPLE)],
        ["preview document", readFileSync(run.documentPath, "utf8")],
        ["event log", events],
      ]) {
        assert.ok(!text.includes(EXAMPLE_TOKEN), `the API token in the ${what} in plain text`);
        assert.ok(
          !text.includes(Buffer.from(EXAMPLE_TOKEN).toString("base64")),
          `the API token in the ${what} in base64`,
        );
      }
      assert.doesNotMatch(events, /"severity":"debug"/, "the SDK's debug lines, which print secrets, are dropped");
      assert.match(events, /"summaryEvent"/, "the rest of the log is kept");
    });

    it("destroys everything, and the namespace skyport created with it", async () => {
      const destroy = await engine.pulumi(["destroy", "--stack", EXAMPLE, "--yes", "--skip-preview"]);
      assert.equal(destroy.exitCode, 0, destroy.stderr);
      assert.ok(await waitFor(async () => !(await namespaceExists(testbed, EXAMPLE_NAMESPACE)), 60_000));
    });

    it("runs the README's first deploy: the local stack, the ambient kubeconfig, a private app in shop-local", async () => {
      const token = "s3cr3t-local-9d1e";
      await engine.must(["stack", "init", "local"]);
      await engine.setConfig("local", "skyport:secrets.API_TOKEN", token, { secret: true });
      await engine.must(["up", "--stack", "local", "--yes", "--config", `skyport:image=${NEW_IMAGE}`]);
      const service = await testbed.core.readNamespacedService({ name: "shop-api", namespace: "shop-local" });
      assert.equal(service.spec?.type, "ClusterIP", "private: reached with kubectl port-forward");
      assert.equal(service.spec?.ports?.[0]?.port, 80, "the port the README forwards");
      assert.equal(rolledOutImage(await readDeployment(testbed, "shop-local")), NEW_IMAGE);
      const outputs = JSON.parse((await engine.must(["stack", "output", "--stack", "local", "--json"])).stdout) as {
        url: string;
      };
      assert.equal(outputs.url, "http://shop-api.shop-local.svc.cluster.local");
      const secret = await envSecret(testbed, "shop-local");
      assert.equal(Buffer.from(secret.data!.API_TOKEN, "base64").toString(), token);
      await engine.must(["destroy", "--stack", "local", "--yes"]);
      assert.ok(await waitFor(async () => !(await namespaceExists(testbed, "shop-local")), 60_000));
    });

    describe("the full-feature stack: domain, TLS, secrets, registryAuth, two instances, an existing namespace, the kubeconfig as a secret", () => {
      let full: EngineProject;

      before(async () => {
        await testbed.core.createNamespace({ body: { metadata: { name: FULL_FEATURE_NAMESPACE } } });
        await testbed.core.createNamespacedConfigMap({
          namespace: FULL_FEATURE_NAMESPACE,
          body: { metadata: { name: "not-skyports" }, data: { owner: "another team" } },
        });
        full = await kubernetesEngine(testbed, false);
        await initFullFeatureStack(full, FULL, testbed);
      });
      after(() => full?.dispose());

      it("deploys through the stack's own kubeconfig: two replicas available, the Ingress addressed, the url the domain's", async () => {
        const up = await full.up(FULL);
        assert.equal(up.exitCode, 0, up.stdout.slice(-3000) + up.stderr);
        const deployment = await readDeployment(testbed, FULL_FEATURE_NAMESPACE);
        assert.equal(rolledOutImage(deployment), FIRST_IMAGE);
        assert.equal(deployment?.status?.availableReplicas, 2);
        assert.deepEqual(JSON.parse(JSON.stringify(deployment?.spec?.template.spec?.imagePullSecrets)), [
          { name: "shop-api-registry" },
        ]);
        const outputs = JSON.parse((await full.must(["stack", "output", "--stack", FULL, "--json"])).stdout) as {
          url: string;
        };
        assert.equal(outputs.url, "https://shop.example.test");
        const state = JSON.parse(await full.exportStack(FULL)) as {
          deployment: { resources: Array<{ type: string }> };
        };
        assert.deepEqual(unservedTypes(state.deployment.resources, served), [], "every type it deployed is served");
        assert.ok(state.deployment.resources.some((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress"));
        assert.ok(state.deployment.resources.some((r) => r.type === "kubernetes:policy/v1:PodDisruptionBudget"));
      });

      it("rolls a new digest out through the provider, watched, never below minInstances available", async () => {
        await full.setConfig(FULL, "skyport:image", NEW_IMAGE);
        const seen: number[] = [];
        const watching = await new Watch(testbed.config).watch(
          `/apis/apps/v1/namespaces/${FULL_FEATURE_NAMESPACE}/deployments`,
          {},
          (_type: string, deployment: V1Deployment) => {
            if (deployment.metadata?.name === "shop-api") seen.push(deployment.status?.availableReplicas ?? 0);
          },
          () => undefined,
        );
        try {
          const up = await full.up(FULL);
          assert.equal(up.exitCode, 0, up.stdout.slice(-3000) + up.stderr);
        } finally {
          watching.abort();
        }
        assert.equal(rolledOutImage(await readDeployment(testbed, FULL_FEATURE_NAMESPACE)), NEW_IMAGE);
        assert.ok(seen.length > 1, "the watch saw the rollout");
        assert.ok(Math.min(...seen) >= 2, `available replicas during the rollout: ${seen.join(", ")}`);
      });

      it("holds no secret in plain text: not the env secrets, the registry password or the kubeconfig's key", async () => {
        const run = await full.preview({ stack: FULL });
        const clientKey = /client-key-data: (\S+)/.exec(testbed.kubeconfig)![1];
        const values = [...Object.values(FULL_FEATURE_SECRETS), clientKey];
        for (const [what, text] of [
          ["state", await full.exportStack(FULL)],
          ["preview document", readFileSync(run.documentPath, "utf8")],
          ["event log", readFileSync(run.eventsPath, "utf8")],
        ]) {
          for (const value of values) {
            assert.ok(!text.includes(value), `a secret in the ${what} in plain text`);
            assert.ok(!text.includes(Buffer.from(value).toString("base64")), `a secret in the ${what} in base64`);
          }
        }
      });

      it("rolls the pods onto a rotated secret in place: a new Secret first, the Deployment updated, the old one gone", async () => {
        const before = (await readDeployment(testbed, FULL_FEATURE_NAMESPACE))!;
        const oldSecret = await envSecret(testbed, FULL_FEATURE_NAMESPACE);
        const references = (deployment: V1Deployment) =>
          deployment.spec!.template.spec!.containers[0].env!.find((v) => v.name === "API_TOKEN")?.valueFrom
            ?.secretKeyRef?.name;
        assert.equal(references(before), oldSecret.metadata?.name);
        const rotated = "tok-kube-engine-rotated-5b8e";
        await full.setConfig(FULL, "skyport:secrets.API_TOKEN", rotated, { secret: true });
        const up = await full.up(FULL);
        assert.equal(up.exitCode, 0, up.stdout.slice(-3000) + up.stderr);
        assert.doesNotMatch(up.stdout, /Deployment shop-api-deployment (deleting|replacing)/, up.stdout.slice(-3000));

        const secret = await envSecret(testbed, FULL_FEATURE_NAMESPACE);
        assert.notEqual(secret.metadata?.name, oldSecret.metadata?.name, "a new Secret, under a new name");
        assert.equal(Buffer.from(secret.data!.API_TOKEN, "base64").toString(), rotated);
        const after = (await readDeployment(testbed, FULL_FEATURE_NAMESPACE))!;
        assert.equal(after.metadata?.uid, before.metadata?.uid, "the same Deployment, updated in place");
        assert.equal(references(after), secret.metadata?.name);
        assert.ok((after.metadata?.generation ?? 0) > (before.metadata?.generation ?? 0), "its pods roll");
        assert.ok(
          await waitFor(
            async () => (await readDeployment(testbed, FULL_FEATURE_NAMESPACE))?.status?.updatedReplicas === 2,
            60_000,
          ),
          "both replicas run the new template",
        );
        const state = await full.exportStack(FULL);
        assert.ok(!state.includes(rotated) && !state.includes(Buffer.from(rotated).toString("base64")));
      });

      it("destroys its objects and leaves the namespace it did not create, with what others keep there", async () => {
        const destroy = await full.pulumi(["destroy", "--stack", FULL, "--yes", "--skip-preview"]);
        assert.equal(destroy.exitCode, 0, destroy.stderr);
        assert.ok(await namespaceExists(testbed, FULL_FEATURE_NAMESPACE));
        assert.deepEqual(await skyportObjects(testbed, FULL_FEATURE_NAMESPACE), []);
        const kept = await testbed.core.readNamespacedConfigMap({
          name: "not-skyports",
          namespace: FULL_FEATURE_NAMESPACE,
        });
        assert.equal(kept.data?.owner, "another team");
      });
    });
  });
});
