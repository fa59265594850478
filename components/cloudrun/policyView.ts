import { type ContainerView, declaredExposure, type PolicyView, type ResourceProps } from "../contract/policyView";

const SERVICE = "gcp:cloudrunv2/service:Service";

/**
 * The policy pack's reading of Cloud Run resources: the service's containers, scaling floor and
 * declared exposure, whether an invoker binding opens it to everyone, and the domain mapping,
 * which Cloud Run always serves over TLS with a certificate it manages.
 */
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
  exposure: {
    [SERVICE]: (props) => ({ declaredPublic: declaredExposure(props.labels) }),
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": (props) => ({
      public: props.role === "roles/run.invoker" && ["allUsers", "allAuthenticatedUsers"].includes(props.member),
    }),
  },
  endpoints: {
    "gcp:cloudrun/domainMapping:DomainMapping": (props) => [
      { host: props.name, protocol: "https", fix: "keep the domain mapping" },
    ],
  },
};
