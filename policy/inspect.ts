import type { PlatformRegistry } from "../components/contract/platform";
import type { ContainerView, ExposureView, PolicyView, ResourceProps } from "../components/contract/policyView";
import { PLATFORM_REGISTRY } from "../components/registry";

/** How the policies read resources, whatever the platform. */
export interface PolicyReaders {
  /** The containers a resource runs, or undefined when it runs none. */
  containersOf: (type: string, props: ResourceProps) => ContainerView[] | undefined;
  /** The fewest instances a resource lets the app run, or undefined when it sets none. */
  minimumInstancesOf: (type: string, props: ResourceProps) => number | undefined;
  /** How a resource exposes the app, or undefined when it shows nothing of it. */
  exposureOf: (type: string, props: ResourceProps) => ExposureView | undefined;
}

/** The readers of every platform in a registry (default: the built ones), by resource type. */
export function policyReaders(registry: PlatformRegistry = PLATFORM_REGISTRY): PolicyReaders {
  const readersOf = <Kind extends keyof PolicyView>(kind: Kind): NonNullable<PolicyView[Kind]> =>
    Object.assign({}, ...Object.values(registry).map((definition) => definition.policyView[kind])) as NonNullable<
      PolicyView[Kind]
    >;
  const containers = readersOf("containers");
  const minimumInstances = readersOf("minimumInstances");
  const exposure = readersOf("exposure");
  return {
    containersOf: (type, props) => containers[type]?.(props),
    minimumInstancesOf: (type, props) => minimumInstances[type]?.(props),
    exposureOf: (type, props) => exposure[type]?.(props),
  };
}

export const { containersOf, minimumInstancesOf, exposureOf } = policyReaders();
