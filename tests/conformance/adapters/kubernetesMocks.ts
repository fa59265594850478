import { kubernetesPlanPlaceholders } from "../../../components/kubernetes/planPlaceholders";
import type { PlatformMocks } from "../../support/platformMocks";

/** Address the mocked cloud gives a LoadBalancer Service. */
export const MOCK_LOAD_BALANCER_HOSTNAME = "lb-1234.test.invalid";

/** A cluster as the tests mock it: a load balancer controller gives LoadBalancer Services an address. */
export const kubernetesMocks: PlatformMocks = {
  placeholders: kubernetesPlanPlaceholders,
  lookups: {},
  realize: (attribute) =>
    attribute === "status" ? { loadBalancer: { ingress: [{ hostname: MOCK_LOAD_BALANCER_HOSTNAME }] } } : undefined,
};
