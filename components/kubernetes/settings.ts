import { z } from "zod";
import { secretString } from "../spec/secretSetting";
import { appProblem } from "../platform";
import type { ConfigProblem } from "../spec/configError";
import { dnsLabel, strictObject } from "../spec/rules";
import type { AppSettings } from "../spec/stackConfigSchema";

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
export function checkKubernetesApp(app: AppSettings): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (app.minInstances < 1) {
    problems.push(
      appProblem(app, "minInstances", "at least 1 on kubernetes (a HorizontalPodAutoscaler cannot scale to zero)"),
    );
  }
  if (!Number.isInteger(Math.round(app.cpu * 1e6) / 1e3)) {
    problems.push(appProblem(app, "cpu", "a whole number of millicores on kubernetes (a multiple of 0.001)"));
  }
  return problems;
}
