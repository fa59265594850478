import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../contract/platform";
import { commonLabels, OWNED_ANNOTATIONS, selectorLabels } from "./labels";
import { exposureLabel, publicUrl } from "../contract/workload";
import { podTemplate } from "./podTemplate";
import { dockerConfigJson } from "./registrySecret";
import {
  CANDIDATE_SUFFIX,
  candidateReplicas,
  hasTracks,
  serviceSelector,
  TRACK_LABEL,
  trackSelector,
} from "./releaseTracks";
import { httpRoute } from "./httpRoute";
import type { KubernetesSettings } from "./settings";

/** Port the Service (and so the Ingress or load balancer) listens on. */
const SERVICE_PORT = 80;

/**
 * The app on an existing Kubernetes cluster: namespace, Secret for the secret env, Deployment,
 * Service, Ingress with TLS when the app has a domain (an HTTPRoute when the stack names a
 * Gateway, a LoadBalancer Service when there is no domain), HorizontalPodAutoscaler and, above
 * one replica, a PodDisruptionBudget. During a canary or blue/green step a candidate Deployment
 * and its own Service run beside the stable one (see releaseTracks.ts).
 */
export class KubernetesPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or `http://<load balancer address>`. */
  readonly url: pulumi.Output<string>;
  /** The candidate's own Service during a canary or blue/green step, exposed as the app's Service is. */
  readonly candidateUrl?: pulumi.Output<string>;
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

    const { step } = spec.rollout;
    const secretSource = secretEnv ? { secretName: secretEnv.metadata.name, names: secretNames } : undefined;
    const template = (track: "stable" | "candidate", image: string) =>
      podTemplate(
        { ...spec, image: { ...spec.image, ref: image } },
        hasTracks(spec) ? { ...labels, [TRACK_LABEL]: track } : labels,
        pullSecrets,
        secretSource,
      );
    const deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: metadata(),
        spec: {
          replicas: spec.scaling.min,
          selector: { matchLabels: selectorLabels(spec) },
          strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          progressDeadlineSeconds: 300,
          template: template("stable", step ? step.stable : spec.image.ref),
        },
      },
      { ...childOpts, ignoreChanges: ["spec.replicas"], dependsOn: secretEnv ? [secretEnv] : [] },
    );

    const servicePorts = [{ name: "http", port: SERVICE_PORT, targetPort: "http", protocol: "TCP" }];
    // The candidate's Service is exposed as the production one is, so a deploy that reaches the
    // stack's url reaches the candidate too: a load balancer of its own for a public app without a
    // domain, otherwise the cluster's network.
    const serviceType = spec.public && !spec.domain ? "LoadBalancer" : "ClusterIP";
    const serviceUrl = (service: k8s.core.v1.Service) =>
      serviceType === "LoadBalancer"
        ? service.status.loadBalancer.ingress.apply(
            (points) => `http://${points?.[0]?.hostname ?? points?.[0]?.ip ?? ""}`,
          )
        : pulumi.interpolate`http://${service.metadata.name}.${this.namespace}.svc.cluster.local`;
    const service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: metadata("", exposureLabel(spec)),
        spec: {
          type: serviceType,
          selector: serviceSelector(spec, settings.gateway !== undefined),
          ports: servicePorts,
        },
      },
      // Blue/green's last step rolls the stable track onto the release before traffic returns to it.
      { ...childOpts, dependsOn: spec.rollout.strategy === "blue-green" ? [deployment] : [] },
    );

    let candidateService: k8s.core.v1.Service | undefined;
    if (step) {
      new k8s.apps.v1.Deployment(
        `${name}-candidate`,
        {
          metadata: metadata(CANDIDATE_SUFFIX),
          spec: {
            replicas: candidateReplicas(spec, step.percent),
            selector: { matchLabels: trackSelector(spec, "candidate") },
            progressDeadlineSeconds: 300,
            template: template("candidate", spec.image.ref),
          },
        },
        { ...childOpts, dependsOn: secretEnv ? [secretEnv] : [] },
      );
      candidateService = new k8s.core.v1.Service(
        `${name}-candidate-service`,
        {
          metadata: metadata(CANDIDATE_SUFFIX, exposureLabel(spec)),
          spec: { type: serviceType, selector: trackSelector(spec, "candidate"), ports: servicePorts },
        },
        childOpts,
      );
      this.candidateUrl = serviceUrl(candidateService);
    }

    if (settings.gateway && spec.domain) {
      httpRoute(`${name}-route`, {
        metadata: metadata(),
        gateway: settings.gateway,
        hostname: spec.domain,
        stable: service.metadata.name,
        candidate:
          candidateService && spec.rollout.strategy === "canary" && step
            ? { service: candidateService.metadata.name, percent: step.percent }
            : undefined,
        port: SERVICE_PORT,
        opts: childOpts,
      });
    }
    if (spec.domain && !settings.gateway) {
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
    this.url = publicUrl(spec, () => serviceUrl(service));

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

    this.registerOutputs({ url: this.url, namespace: this.namespace, candidateUrl: this.candidateUrl });
  }
}
