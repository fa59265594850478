import type { ContainerView, PolicyView, ResourceProps } from "../policyView";

/** The policy pack's reading of Kubernetes resources: a Deployment's containers, an HPA's floor. */
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
};
