import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { GatewayRef } from "./settings";

/** What the app's HTTPRoute is made from. */
export interface HttpRouteArgs {
  /** The route's metadata: the app's name, namespace, labels and annotations. */
  metadata: k8s.types.input.meta.v1.ObjectMeta;
  /** The Gateway the route attaches to (`skyport:kubernetes.gateway`). */
  gateway: GatewayRef;
  /** The app's domain, the route's only hostname. */
  hostname: string;
  /** The stable release's Service. */
  stable: pulumi.Input<string>;
  /** During a canary step: the candidate's Service and its exact percent of the requests. */
  candidate?: { service: pulumi.Input<string>; percent: number };
  /** The port both Services listen on. */
  port: number;
  /** The platform component's resource options (parent, provider). */
  opts: pulumi.CustomResourceOptions;
}

/**
 * The app's Gateway API HTTPRoute: every request for the domain to the stable Service, or,
 * during a canary step, split between the stable and the candidate Services by backend weights
 * that are exactly the step's percents.
 */
export function httpRoute(name: string, args: HttpRouteArgs): k8s.apiextensions.CustomResource {
  const { candidate } = args;
  const backend = (service: pulumi.Input<string>, weight: number) => ({ name: service, port: args.port, weight });
  return new k8s.apiextensions.CustomResource(
    name,
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: args.metadata,
      spec: {
        parentRefs: [
          { name: args.gateway.name, ...(args.gateway.namespace ? { namespace: args.gateway.namespace } : {}) },
        ],
        hostnames: [args.hostname],
        rules: [
          {
            matches: [{ path: { type: "PathPrefix", value: "/" } }],
            backendRefs: candidate
              ? [backend(args.stable, 100 - candidate.percent), backend(candidate.service, candidate.percent)]
              : [backend(args.stable, 100)],
          },
        ],
      },
    },
    args.opts,
  );
}
