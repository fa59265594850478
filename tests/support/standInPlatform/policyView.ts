import { declaredExposure, envOfRecord, type PolicyView } from "../../../components/contract/policyView";

/** The stand-in's one resource that runs the app. */
export const STAND_IN_SERVICE = "standin:index:Service";

/** How the policy pack reads a stand-in service: every view a platform can give. */
export const standInPolicyView: PolicyView = {
  containers: {
    [STAND_IN_SERVICE]: (props) => [
      {
        image: props.image,
        cpu: props.cpu,
        memory: props.memoryMiB,
        env: envOfRecord(props.env),
      },
    ],
  },
  minimumInstances: { [STAND_IN_SERVICE]: (props) => props.minInstances as number | undefined },
  exposure: {
    [STAND_IN_SERVICE]: (props) => ({ public: props.public === true, declaredPublic: declaredExposure(props.labels) }),
  },
  endpoints: {
    [STAND_IN_SERVICE]: (props) =>
      typeof props.domain === "string"
        ? [{ host: props.domain, protocol: props.tls === false ? "http" : "https", fix: "leave the stand-in's TLS on" }]
        : [],
  },
  logRetention: {
    [STAND_IN_SERVICE]: (props) => ({ days: props.logDays as number | undefined, setting: "skyport:standin.logDays" }),
  },
  ingressRules: {
    [STAND_IN_SERVICE]: (props) =>
      ((props.firewall ?? []) as number[]).map((port) => ({ fromPort: port, toPort: port, sources: ["0.0.0.0/0"] })),
  },
};
