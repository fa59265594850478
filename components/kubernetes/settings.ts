import { z } from "zod";
import { secretString } from "../config/secretSetting";
import type { CrossCheck } from "../contract/platform";
import { dnsLabel, strictObject } from "../config/schemaParts";
import { SPEC_CONFIG_KEYS, specProblem } from "../contract/specProblem";

/** `skyport:kubernetes.gateway`: a Gateway API Gateway that exists in the cluster. */
const gatewaySchema = strictObject({
  name: dnsLabel(253).describe("The Gateway's name."),
  namespace: dnsLabel(63).optional().meta({ description: "The Gateway's namespace.", default: "the app's namespace" }),
});

export type GatewayRef = z.output<typeof gatewaySchema>;

/** `skyport:kubernetes`: where and how the app runs in an existing cluster. */
export const kubernetesSettingsSchema = strictObject({
  namespace: dnsLabel(63).optional().meta({ description: "The namespace to deploy into.", default: "the app's name" }),
  createNamespace: z
    .boolean({ error: "true or false" })
    .default(true)
    .describe("Create the namespace (true), or use one that exists (false)."),
  ingressClass: dnsLabel(63)
    .optional()
    .meta({ description: "The IngressClass of the domain's Ingress.", default: "the cluster's default class" }),
  tlsIssuer: dnsLabel(63).optional().meta({
    description: "The cert-manager ClusterIssuer that issues the domain's certificate, into the secret <name>-tls.",
    default: "none: provide the <name>-tls secret yourself",
  }),
  imagePullSecrets: z
    .array(dnsLabel(253), { error: "a list of secret names" })
    .default([])
    .describe("Names of pull secrets that exist in the namespace."),
  gateway: gatewaySchema.optional().meta({
    description:
      "A Gateway (Gateway API) that serves the domain through an HTTPRoute instead of an Ingress; a canary's route weights then carry its exact percents.",
    default: "none: an Ingress",
  }),
  kubeconfig: secretString.optional().meta({
    description:
      "Kubeconfig contents: `pulumi config set --secret --path 'skyport:kubernetes.kubeconfig' \"$(cat kubeconfig)\"`.",
    default: "the ambient kubeconfig, or the in-cluster config",
  }),
}).default({ createNamespace: true, imagePullSecrets: [] });

export type KubernetesSettings = z.output<typeof kubernetesSettingsSchema>;

/** Kubernetes' own limits on the app: an HPA needs one replica, and cpu is counted in millicores. */
export const kubernetesCrossChecks: ReadonlyArray<CrossCheck<KubernetesSettings>> = [
  (spec) =>
    spec.scaling.min < 1
      ? [specProblem(spec, "scaling.min", "at least 1 on kubernetes (a HorizontalPodAutoscaler cannot scale to zero)")]
      : [],
  (spec, settings) =>
    settings.gateway && !spec.domain
      ? [
          {
            key: `skyport:${SPEC_CONFIG_KEYS.domain}`,
            missing: true,
            expected: `a hostname: skyport:kubernetes.gateway (${settings.gateway.name}) routes the app's domain through an HTTPRoute`,
          },
        ]
      : [],
  (spec) =>
    Number.isInteger(Math.round(spec.cpu * 1e6) / 1e3)
      ? []
      : [specProblem(spec, "cpu", "a whole number of millicores on kubernetes (a multiple of 0.001)")],
];
