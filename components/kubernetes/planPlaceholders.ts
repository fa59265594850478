import type { PlanPlaceholders } from "../contract/platform";

/**
 * What a cluster assigns, as the offline plan shows it: the only value the program reads back is
 * the address a load balancer controller gives a LoadBalancer Service.
 */
export const kubernetesPlanPlaceholders: PlanPlaceholders = {
  assigned: (type, name, inputs) =>
    type === "kubernetes:core/v1:Service" && (inputs.spec as { type?: string } | undefined)?.type === "LoadBalancer"
      ? { status: { loadBalancer: { ingress: [{ hostname: `[address of ${name}]` }] } } }
      : undefined,
};
