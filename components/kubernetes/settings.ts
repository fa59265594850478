import { z } from "zod";
import { secretString } from "../config/secretSetting";
import type { CrossCheck } from "../contract/platform";
import { dnsLabel, strictObject } from "../config/schemaParts";
import { specProblem } from "../contract/specProblem";

/** `skyport:kubernetes`: where and how the app runs in an existing cluster. */
export const kubernetesSettingsSchema = strictObject({
  /** Namespace to deploy into. Default: the app's name. */
  namespace: dnsLabel(63).optional(),
  /** Create the namespace (true) or use an existing one (false). Default true. */
  createNamespace: z.boolean({ error: "true or false" }).default(true),
  /** IngressClass for the app's domain. Default: the cluster's default class. */
  ingressClass: dnsLabel(63).optional(),
  /** cert-manager ClusterIssuer that issues the domain's TLS certificate. Default: none (bring your own secret). */
  tlsIssuer: dnsLabel(63).optional(),
  /** Existing image pull secrets in the namespace. Default none. */
  imagePullSecrets: z.array(dnsLabel(253), { error: "a list of secret names" }).default([]),
  /** Kubeconfig contents (set with --secret). Default: the ambient kubeconfig / in-cluster config. */
  kubeconfig: secretString.optional(),
}).default({ createNamespace: true, imagePullSecrets: [] });

export type KubernetesSettings = z.output<typeof kubernetesSettingsSchema>;

/** Kubernetes' own limits on the app: an HPA needs one replica, and cpu is counted in millicores. */
export const kubernetesCrossChecks: ReadonlyArray<CrossCheck<KubernetesSettings>> = [
  (spec) =>
    spec.scaling.min < 1
      ? [specProblem(spec, "scaling.min", "at least 1 on kubernetes (a HorizontalPodAutoscaler cannot scale to zero)")]
      : [],
  (spec) =>
    Number.isInteger(Math.round(spec.cpu * 1e6) / 1e3)
      ? []
      : [specProblem(spec, "cpu", "a whole number of millicores on kubernetes (a multiple of 0.001)")],
];
