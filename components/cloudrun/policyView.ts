import type { ContainerView, PolicyView, ResourceProps } from "../policyView";

const SERVICE = "gcp:cloudrunv2/service:Service";

/** The policy pack's reading of Cloud Run resources: the service's containers and its scaling floor. */
export const cloudRunPolicyView: PolicyView = {
  containers: {
    [SERVICE]: (props) =>
      ((props.template?.containers ?? []) as ResourceProps[]).map((container) => ({
        image: container.image,
        cpu: container.resources?.limits?.cpu,
        memory: container.resources?.limits?.memory,
        env: (container.envs ?? []) as ContainerView["env"],
      })),
  },
  minimumInstances: {
    [SERVICE]: (props) => (props.template?.scaling?.minInstanceCount as number | undefined) ?? 0,
  },
};
