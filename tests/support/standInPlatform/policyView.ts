import { envOfRecord, type PolicyView } from "../../../components/contract/policyView";

/** The stand-in's one resource that runs the app. */
export const STAND_IN_SERVICE = "standin:index:Service";

/** How the policy pack reads a stand-in service. */
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
};
