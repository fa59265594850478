import type { PlanPlaceholders } from "../contract/platform";

type Metadata = { name?: string } & Record<string, unknown>;

/**
 * What the provider and the cluster assign, as the offline plan shows it: the values the program
 * reads back are the address a load balancer controller gives a LoadBalancer Service, and the
 * name the provider gives an object the program leaves unnamed (the secret env's Secret).
 */
export const kubernetesPlanPlaceholders: PlanPlaceholders = {
  assigned: (type, name, inputs) => {
    if (!type.startsWith("kubernetes:")) return undefined;
    const metadata = inputs.metadata as Metadata | undefined;
    if (metadata && metadata.name === undefined) {
      return { metadata: { ...metadata, name: `[name of ${name}]` } };
    }
    if (
      type === "kubernetes:core/v1:Service" &&
      (inputs.spec as { type?: string } | undefined)?.type === "LoadBalancer"
    ) {
      return { status: { loadBalancer: { ingress: [{ hostname: `[address of ${name}]` }] } } };
    }
    return undefined;
  },
};
