import { readFileSync, writeFileSync } from "node:fs";
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Deployment } from "@kubernetes/client-node";
import { stringify } from "yaml";
import { startLocalCluster, type LocalCluster } from "../kube/localCluster";
import { kubeTierTools } from "../kube/kubeTierTools";
import { type LoadBalancerStandIn, startLoadBalancerStandIn } from "../kube/loadBalancerStandIn";
import { CANDIDATE_SUFFIX } from "../../../components/kubernetes/releaseTracks";
import { EngineProject, FIRST_IMAGE } from "./engineProject";
import { installKubernetesProvider, kubernetesProvider } from "./kubernetesProvider";
import { pulumiOnPath } from "./pulumiOnPath";

/** The address the load-balancer stand-in gives every LoadBalancer Service and Ingress but a candidate's. */
export const LOAD_BALANCER_ADDRESS = "127.0.0.1";
/** The address it gives a canary or blue/green candidate's Service (`<app>-candidate`): loopback too. */
export const CANDIDATE_ADDRESS = "127.0.0.2";

/** What the Kubernetes engine tiers need, or why they cannot run here. */
export function kubernetesEngineMissing(): string | undefined {
  const cli = pulumiOnPath();
  if (!cli.found) return `no pulumi CLI on PATH (${cli.reason}); see "Tests, in tiers" in docs/DEVELOPMENT.md`;
  const tools = kubeTierTools();
  if (tools.missing) return tools.missing;
  return kubernetesProvider().missing;
}

/** A local control plane with the load-balancer stand-in, and API clients of it. */
export interface KubernetesTestbed {
  cluster: LocalCluster;
  loadBalancers: LoadBalancerStandIn;
  apps: AppsV1Api;
  core: CoreV1Api;
  /** The admin's client config, for watches. */
  config: KubeConfig;
  /** The cluster's kubeconfig, as a stack's `skyport:kubernetes.kubeconfig` would hold it. */
  kubeconfig: string;
  stop(): Promise<void>;
}

/** Starts the control plane (etcd, kube-apiserver, controllers, kwok) and the load-balancer stand-in. */
export async function startKubernetesTestbed(): Promise<KubernetesTestbed> {
  const cluster = await startLocalCluster(kubeTierTools().binaries!);
  const loadBalancers = startLoadBalancerStandIn(cluster.kubeconfigPath, (name) =>
    name.endsWith(CANDIDATE_SUFFIX) ? CANDIDATE_ADDRESS : LOAD_BALANCER_ADDRESS,
  );
  const config = new KubeConfig();
  config.loadFromFile(cluster.kubeconfigPath);
  return {
    cluster,
    loadBalancers,
    apps: config.makeApiClient(AppsV1Api),
    core: config.makeApiClient(CoreV1Api),
    config,
    kubeconfig: readFileSync(cluster.kubeconfigPath, "utf8"),
    stop: async () => {
      await loadBalancers.stop();
      await cluster.stop();
    },
  };
}

/**
 * A project copy whose PULUMI_HOME has the built Kubernetes provider installed. With
 * `ambientKubeconfig`, the provider finds the cluster through KUBECONFIG, as on a laptop;
 * without it, only a stack's `skyport:kubernetes.kubeconfig` can reach it.
 */
export async function kubernetesEngine(testbed: KubernetesTestbed, ambientKubeconfig = true): Promise<EngineProject> {
  const engine = new EngineProject(ambientKubeconfig ? { KUBECONFIG: testbed.cluster.kubeconfigPath } : {});
  await installKubernetesProvider(engine, kubernetesProvider().provider!);
  return engine;
}

/** Creates a stack from its stack file in the copy, naming `image` (default FIRST_IMAGE). */
export async function initKubernetesStack(engine: EngineProject, stack: string, image = FIRST_IMAGE): Promise<void> {
  await engine.must(["stack", "init", stack]);
  await engine.setConfig(stack, "skyport:image", image);
}

/** Secret values the full-feature stack holds, for checking that none appears in plain text. */
export const FULL_FEATURE_SECRETS = {
  API_TOKEN: "tok-kube-engine-4e1d",
  DB_PASSWORD: "pw-kube-engine-77c2",
  registryPassword: "ghp-kube-engine-registry-9a0f",
};

/** The full-feature stack's namespace, which exists before the stack (createNamespace: false). */
export const FULL_FEATURE_NAMESPACE = "shop-full";

/**
 * Everything a stack can ask of the Kubernetes platform: a domain with TLS and an ingress class,
 * secrets, registryAuth, two instances, an existing namespace, and the kubeconfig as a secret.
 * Writes the stack file (no secret in it), creates the stack and sets the secrets with the CLI.
 */
export async function initFullFeatureStack(
  engine: EngineProject,
  stack: string,
  testbed: KubernetesTestbed,
  image = FIRST_IMAGE,
): Promise<void> {
  writeFileSync(
    engine.stackFile(stack),
    stringify({
      config: {
        "skyport:platform": "kubernetes",
        "skyport:app": {
          name: "shop-api",
          port: 3000,
          cpu: 0.25,
          memory: 256,
          minInstances: 2,
          maxInstances: 4,
          targetCpuPercent: 60,
          domain: "shop.example.test",
          env: { LOG_LEVEL: "info" },
        },
        "skyport:kubernetes": {
          namespace: FULL_FEATURE_NAMESPACE,
          createNamespace: false,
          ingressClass: "nginx",
          tlsIssuer: "letsencrypt",
        },
        "skyport:registryAuth": { username: "ci-bot" },
      },
    }),
  );
  await initKubernetesStack(engine, stack, image);
  const secret = (path: string, value: string) => engine.setConfig(stack, path, value, { secret: true });
  await secret("skyport:secrets.API_TOKEN", FULL_FEATURE_SECRETS.API_TOKEN);
  await secret("skyport:secrets.DB_PASSWORD", FULL_FEATURE_SECRETS.DB_PASSWORD);
  await secret("skyport:registryAuth.password", FULL_FEATURE_SECRETS.registryPassword);
  await secret("skyport:kubernetes.kubeconfig", testbed.kubeconfig);
}

/** The app's Deployment (named as the app) in a namespace, or undefined. */
export async function readDeployment(
  testbed: KubernetesTestbed,
  namespace: string,
  name = "shop-api",
): Promise<V1Deployment | undefined> {
  try {
    return await testbed.apps.readNamespacedDeployment({ name, namespace });
  } catch {
    return undefined;
  }
}

/**
 * The image a Deployment runs everywhere: its template's, once every replica is updated and
 * available and no old one is left; undefined while it rolls out.
 */
export function rolledOutImage(deployment: V1Deployment | undefined): string | undefined {
  const status = deployment?.status;
  const replicas = deployment?.spec?.replicas ?? 1;
  const done =
    status?.observedGeneration === deployment?.metadata?.generation &&
    status?.updatedReplicas === replicas &&
    status?.availableReplicas === replicas &&
    (status?.replicas ?? 0) === replicas;
  return done ? deployment?.spec?.template.spec?.containers[0]?.image : undefined;
}
