import { CoreV1Api, KubeConfig, NetworkingV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";

/** A running stand-in for a cloud's load-balancer controller and an ingress controller. */
export interface LoadBalancerStandIn {
  stop(): Promise<void>;
}

/** The address a LoadBalancer Service or an Ingress gets, by its name. */
export type AddressOf = (name: string) => string;

/**
 * Stands in for what a local cluster lacks and a cloud's has: a load-balancer controller (the
 * controller manager's service-lb-controller needs a cloud provider) and an ingress controller.
 * Every 250 ms it gives each LoadBalancer Service and each Ingress without an address the one
 * `addressOf` names for it, in its status, as those controllers do once their load balancer is up; the Kubernetes
 * provider waits for that address. Nothing routes to it: a test that needs an answer there
 * listens on the address itself.
 */
export function startLoadBalancerStandIn(kubeconfigPath: string, addressOf: AddressOf): LoadBalancerStandIn {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  const core = config.makeApiClient(CoreV1Api);
  const networking = config.makeApiClient(NetworkingV1Api);
  const asMergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const services = await core.listServiceForAllNamespaces();
        for (const service of services.items) {
          if (service.spec?.type !== "LoadBalancer" || (service.status?.loadBalancer?.ingress?.length ?? 0) > 0) {
            continue;
          }
          await core.patchNamespacedServiceStatus(
            {
              name: service.metadata!.name!,
              namespace: service.metadata!.namespace!,
              body: {
                status: { loadBalancer: { ingress: [{ ip: addressOf(service.metadata!.name!), ipMode: "VIP" }] } },
              },
            },
            asMergePatch,
          );
        }
        const ingresses = await networking.listIngressForAllNamespaces();
        for (const ingress of ingresses.items) {
          if ((ingress.status?.loadBalancer?.ingress?.length ?? 0) > 0) continue;
          await networking.patchNamespacedIngressStatus(
            {
              name: ingress.metadata!.name!,
              namespace: ingress.metadata!.namespace!,
              body: { status: { loadBalancer: { ingress: [{ ip: addressOf(ingress.metadata!.name!) }] } } },
            },
            asMergePatch,
          );
        }
      } catch {
        // The API server is starting or stopping, or the Service went away: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
