import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../contract/platform";
import { commonLabels, OWNED_ANNOTATIONS, selectorLabels } from "./labels";
import { exposureLabel, publicUrl } from "../contract/workload";
import { podTemplate } from "./podTemplate";
import { dockerConfigJson } from "./registrySecret";
import type { KubernetesSettings } from "./settings";

/** Port the Service (and so the Ingress or load balancer) listens on. */
const SERVICE_PORT = 80;

/**
 * The app on an existing Kubernetes cluster: namespace, Secret for the secret env, Deployment,
 * Service, Ingress with TLS when the app has a domain (a LoadBalancer Service otherwise),
 * HorizontalPodAutoscaler and, above one replica, a PodDisruptionBudget.
 */
export class KubernetesPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or `http://<load balancer address>`. */
  readonly url: pulumi.Output<string>;
  /** Namespace the app runs in. */
  readonly namespace: pulumi.Output<string>;

  constructor(name: string, args: PlatformArgs<KubernetesSettings>, opts?: pulumi.ComponentResourceOptions) {
    super("skyport:platform:Kubernetes", name, {}, opts);
    const { spec, settings } = args;
    const labels = commonLabels(spec);
    const provider = settings.kubeconfig
      ? new k8s.Provider(`${name}-provider`, { kubeconfig: settings.kubeconfig }, { parent: this })
      : undefined;
    const childOpts: pulumi.CustomResourceOptions = { parent: this, provider };

    const namespaceName = settings.namespace ?? spec.name;
    this.namespace = settings.createNamespace
      ? new k8s.core.v1.Namespace(
          `${name}-namespace`,
          { metadata: { name: namespaceName, labels, annotations: OWNED_ANNOTATIONS } },
          childOpts,
        ).metadata.name
      : pulumi.output(namespaceName);
    const placed = (annotations: Record<string, string> = {}) => ({
      namespace: this.namespace,
      labels,
      annotations: { ...OWNED_ANNOTATIONS, ...annotations },
    });
    const metadata = (suffix = "", annotations: Record<string, string> = {}) => ({
      name: `${spec.name}${suffix}`,
      ...placed(annotations),
    });

    // Named by the provider (`<name>-env-<random>`): a new secret value replaces the Secret under a
    // new name before the old one goes, and the Deployment's references change with it, so its
    // pods roll onto the new value in place. A fixed name would make the provider delete the
    // Secret first, and the engine replace the Deployment with it.
    const secretNames = Object.keys(spec.secretEnv);
    const secretEnv =
      secretNames.length > 0
        ? new k8s.core.v1.Secret(
            `${name}-env`,
            { metadata: placed(), type: "Opaque", stringData: spec.secretEnv },
            childOpts,
          )
        : undefined;

    const pullSecrets = [...settings.imagePullSecrets];
    if (spec.registryAuth) {
      new k8s.core.v1.Secret(
        `${name}-registry`,
        {
          metadata: metadata("-registry"),
          type: "kubernetes.io/dockerconfigjson",
          stringData: { ".dockerconfigjson": dockerConfigJson(spec.registryAuth, spec.image) },
        },
        childOpts,
      );
      pullSecrets.push(`${spec.name}-registry`);
    }

    const deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: metadata(),
        spec: {
          replicas: spec.scaling.min,
          selector: { matchLabels: selectorLabels(spec) },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          progressDeadlineSeconds: 300,
          template: podTemplate(
            spec,
            labels,
            pullSecrets,
            secretEnv ? { secretName: secretEnv.metadata.name, names: secretNames } : undefined,
          ),
        },
      },
      { ...childOpts, ignoreChanges: ["spec.replicas"], dependsOn: secretEnv ? [secretEnv] : [] },
    );

    const service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: metadata("", exposureLabel(spec)),
        spec: {
          type: spec.public && !spec.domain ? "LoadBalancer" : "ClusterIP",
          selector: selectorLabels(spec),
          ports: [{ name: "http", port: SERVICE_PORT, targetPort: "http", protocol: "TCP" }],
        },
      },
      childOpts,
    );

    if (spec.domain) {
      new k8s.networking.v1.Ingress(
        `${name}-ingress`,
        {
          metadata: metadata("", settings.tlsIssuer ? { "cert-manager.io/cluster-issuer": settings.tlsIssuer } : {}),
          spec: {
            ingressClassName: settings.ingressClass,
            tls: [{ hosts: [spec.domain], secretName: `${spec.name}-tls` }],
            rules: [
              {
                host: spec.domain,
                http: {
                  paths: [
                    {
                      path: "/",
                      pathType: "Prefix",
                      backend: { service: { name: service.metadata.name, port: { name: "http" } } },
                    },
                  ],
                },
              },
            ],
          },
        },
        childOpts,
      );
    }
    this.url = publicUrl(spec, () =>
      spec.public
        ? service.status.loadBalancer.ingress.apply(
            (points) => `http://${points?.[0]?.hostname ?? points?.[0]?.ip ?? ""}`,
          )
        : pulumi.interpolate`http://${service.metadata.name}.${this.namespace}.svc.cluster.local`,
    );

    new k8s.autoscaling.v2.HorizontalPodAutoscaler(
      `${name}-hpa`,
      {
        metadata: metadata(),
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
          minReplicas: spec.scaling.min,
          maxReplicas: spec.scaling.max,
          metrics: [
            {
              type: "Resource",
              resource: {
                name: "cpu",
                target: { type: "Utilization", averageUtilization: spec.scaling.targetCpuPercent },
              },
            },
          ],
        },
      },
      childOpts,
    );

    if (spec.scaling.min > 1) {
      new k8s.policy.v1.PodDisruptionBudget(
        `${name}-pdb`,
        { metadata: metadata(), spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(spec) } } },
        childOpts,
      );
    }

    this.registerOutputs({ url: this.url, namespace: this.namespace });
  }
}
