import {
  type ContainerView,
  declaredExposure,
  isPlaceholder,
  type PolicyView,
  type ResourceProps,
} from "../contract/policyView";

/**
 * The policy pack's reading of ECS resources: a task definition's containers, a scaling
 * target's floor, and the load balancer's exposure.
 */
export const ecsPolicyView: PolicyView = {
  containers: {
    "aws:ecs/taskDefinition:TaskDefinition": (props) => {
      if (typeof props.containerDefinitions !== "string" || isPlaceholder(props.containerDefinitions)) return [];
      return (JSON.parse(props.containerDefinitions) as ResourceProps[]).map((container) => ({
        image: container.image,
        cpu: props.cpu,
        memory: props.memory,
        env: (container.environment ?? []) as ContainerView["env"],
      }));
    },
  },
  minimumInstances: {
    "aws:appautoscaling/target:Target": (props) => props.minCapacity as number | undefined,
  },
  exposure: {
    "aws:lb/loadBalancer:LoadBalancer": (props) => ({
      public: props.internal === false,
      declaredPublic: declaredExposure(props.tags),
    }),
  },
};
