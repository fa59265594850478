import { PLATFORM_REGISTRY } from "../components/registry";
import type { ContainerView, PolicyView, ResourceProps } from "../components/policyView";

/** Every platform's readers of one kind, by resource type. */
function readersOf<Kind extends keyof PolicyView>(kind: Kind): NonNullable<PolicyView[Kind]> {
  return Object.assign({}, ...Object.values(PLATFORM_REGISTRY).map((definition) => definition.policyView[kind]));
}

const CONTAINERS = readersOf("containers");
const MINIMUM_INSTANCES = readersOf("minimumInstances");

/** The containers a resource runs, or undefined when it runs none. */
export function containersOf(type: string, props: ResourceProps): ContainerView[] | undefined {
  return CONTAINERS[type]?.(props);
}

/** The fewest instances a resource lets the app run, or undefined when it sets none. */
export function minimumInstancesOf(type: string, props: ResourceProps): number | undefined {
  return MINIMUM_INSTANCES[type]?.(props);
}
