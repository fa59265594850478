import type { PlatformRegistry } from "../components/contract/platform";
import type {
  ContainerView,
  EndpointView,
  ExposureView,
  IngressRuleView,
  LogRetentionView,
  PolicyView,
  ResourceProps,
} from "../components/contract/policyView";
import { PLATFORM_REGISTRY } from "../components/registry";

/** How the policies read resources, whatever the platform; undefined where a resource shows nothing of it. */
export interface PolicyReaders {
  /** The containers a resource runs. */
  containersOf: (type: string, props: ResourceProps) => ContainerView[] | undefined;
  /** The fewest instances a resource lets the app run. */
  minimumInstancesOf: (type: string, props: ResourceProps) => number | undefined;
  /** How a resource exposes the app. */
  exposureOf: (type: string, props: ResourceProps) => ExposureView | undefined;
  /** The domains a resource declares. */
  domainsOf: (type: string, props: ResourceProps) => string[] | undefined;
  /** How a resource serves the app. */
  endpointsOf: (type: string, props: ResourceProps) => EndpointView[] | undefined;
  /** How long a resource keeps the app's logs. */
  logRetentionOf: (type: string, props: ResourceProps) => LogRetentionView | undefined;
  /** The traffic a resource lets in. */
  ingressRulesOf: (type: string, props: ResourceProps) => IngressRuleView[] | undefined;
}

/** The readers of every platform in a registry (default: the built ones), by resource type. */
export function policyReaders(registry: PlatformRegistry = PLATFORM_REGISTRY): PolicyReaders {
  const reader = <Kind extends keyof PolicyView>(kind: Kind) => {
    const readers = Object.assign(
      {},
      ...Object.values(registry).map((definition) => definition.policyView[kind]),
    ) as Record<string, (props: ResourceProps) => unknown>;
    return (type: string, props: ResourceProps) => readers[type]?.(props);
  };
  return {
    containersOf: reader("containers") as PolicyReaders["containersOf"],
    minimumInstancesOf: reader("minimumInstances") as PolicyReaders["minimumInstancesOf"],
    exposureOf: reader("exposure") as PolicyReaders["exposureOf"],
    domainsOf: reader("domains") as PolicyReaders["domainsOf"],
    endpointsOf: reader("endpoints") as PolicyReaders["endpointsOf"],
    logRetentionOf: reader("logRetention") as PolicyReaders["logRetentionOf"],
    ingressRulesOf: reader("ingressRules") as PolicyReaders["ingressRulesOf"],
  };
}
