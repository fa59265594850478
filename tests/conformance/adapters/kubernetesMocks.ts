import { kubernetesPlanPlaceholders } from "../../../components/kubernetes/planPlaceholders";
import type { PlatformMocks } from "../../support/platformMocks";

/** Address the mocked cloud gives a LoadBalancer Service. */
export const MOCK_LOAD_BALANCER_HOSTNAME = "lb-1234.test.invalid";

/** The name the mocked provider gives an object the program leaves unnamed, as the provider does: `<resource name>-<7 random>`. */
export const mockAutoName = (resource: string) => `${resource}-a1b2c3d`;

/**
 * A cluster as the tests mock it: a load balancer controller gives LoadBalancer Services an
 * address, and the provider names what the program leaves unnamed.
 */
export const kubernetesMocks: PlatformMocks = {
  placeholders: kubernetesPlanPlaceholders,
  lookups: {},
  realize: (attribute, _type, name, inputs) => {
    if (attribute === "status") return { loadBalancer: { ingress: [{ hostname: MOCK_LOAD_BALANCER_HOSTNAME }] } };
    if (attribute === "metadata") return { ...inputs.metadata, name: mockAutoName(name) };
    return undefined;
  },
};
