import { type ContainerView, declaredExposure, type PolicyView, type ResourceProps } from "../contract/policyView";

/**
 * The policy pack's reading of Kubernetes resources: a Deployment's containers, an HPA's floor,
 * and a Service's exposure (an Ingress's reach depends on its class, which the pack cannot see).
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
};
