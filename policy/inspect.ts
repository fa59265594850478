/** Reading the containers and env of each platform's resources, for the policies. */

/** A value only known after deployment, or hidden: the offline plan's markers. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && /^\[[^\]]+\]$/.test(value);
}

/** A container as the policies see it, whatever the platform. */
export interface ContainerView {
  image?: unknown;
  cpu?: unknown;
  memory?: unknown;
  env: Array<{ name: string; value?: unknown }>;
}

type Props = Record<string, any>;

/** The containers a resource runs, or undefined when it runs none. */
export function containersOf(type: string, props: Props): ContainerView[] | undefined {
  switch (type) {
    case "kubernetes:apps/v1:Deployment":
      return ((props.spec?.template?.spec?.containers ?? []) as Props[]).map((c) => ({
        image: c.image,
        cpu: c.resources?.limits?.cpu,
        memory: c.resources?.limits?.memory,
        env: (c.env ?? []) as ContainerView["env"],
      }));
    case "aws:ecs/taskDefinition:TaskDefinition": {
      if (typeof props.containerDefinitions !== "string" || isPlaceholder(props.containerDefinitions)) return [];
      return (JSON.parse(props.containerDefinitions) as Props[]).map((c) => ({
        image: c.image,
        cpu: props.cpu,
        memory: props.memory,
        env: (c.environment ?? []) as ContainerView["env"],
      }));
    }
    case "gcp:cloudrunv2/service:Service":
      return ((props.template?.containers ?? []) as Props[]).map((c) => ({
        image: c.image,
        cpu: c.resources?.limits?.cpu,
        memory: c.resources?.limits?.memory,
        env: (c.envs ?? []) as ContainerView["env"],
      }));
    case "pulumi-nodejs:dynamic/render:Service":
      return [
        {
          image: props.image,
          cpu: props.plan,
          memory: props.plan,
          env: Object.entries((props.envVars ?? {}) as Record<string, unknown>).map(([name, value]) => ({
            name,
            value,
          })),
        },
      ];
    default:
      return undefined;
  }
}

/** The fewest instances a resource lets the app run, or undefined when it sets none. */
export function minimumInstancesOf(type: string, props: Props): number | undefined {
  switch (type) {
    case "kubernetes:autoscaling/v2:HorizontalPodAutoscaler":
      return props.spec?.minReplicas as number | undefined;
    case "aws:appautoscaling/target:Target":
      return props.minCapacity as number | undefined;
    case "gcp:cloudrunv2/service:Service":
      return (props.template?.scaling?.minInstanceCount as number | undefined) ?? 0;
    case "pulumi-nodejs:dynamic/render:Service":
      return (props.autoscaling?.min as number | undefined) ?? (props.numInstances as number | undefined);
    default:
      return undefined;
  }
}
