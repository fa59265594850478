import { type ContainerView, declaredExposure, type PolicyView, type ResourceProps } from "../contract/policyView";

/**
 * The policy pack's reading of Kubernetes resources: a Deployment's containers, an HPA's floor,
 * a Service's exposure (an Ingress's reach depends on its class, which the pack cannot see), and
 * the hosts an Ingress serves, with TLS or without.
 */
export const kubernetesPolicyView: PolicyView = {
  containers: {
    "kubernetes:apps/v1:Deployment": (props) =>
      ((props.spec?.template?.spec?.containers ?? []) as ResourceProps[]).map((container) => ({
        image: container.image,
        cpu: container.resources?.limits?.cpu,
        memory: container.resources?.limits?.memory,
        env: (container.env ?? []) as ContainerView["env"],
      })),
  },
  minimumInstances: {
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": (props) => props.spec?.minReplicas as number | undefined,
  },
  exposure: {
    "kubernetes:core/v1:Service": (props) => ({
      public: props.spec?.type === "LoadBalancer",
      declaredPublic: declaredExposure(props.metadata?.annotations),
    }),
  },
  endpoints: {
    "kubernetes:networking.k8s.io/v1:Ingress": (props) => {
      const tls = ((props.spec?.tls ?? []) as Array<{ hosts?: string[] }>).flatMap((entry) => entry.hosts ?? []);
      return ((props.spec?.rules ?? []) as Array<{ host?: string }>)
        .map((rule) => rule.host)
        .filter((host): host is string => typeof host === "string")
        .map((host) => ({
          host,
          protocol: tls.includes(host) ? "https" : "http",
          fix: `give the Ingress a tls entry for ${host}`,
        }));
    },
  },
};
