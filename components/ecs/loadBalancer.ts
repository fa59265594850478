import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import { exposureLabel } from "../contract/workload";
import { domainCertificate } from "./certificate";
import type { EcsNetwork } from "./network";
import type { EcsSettings } from "./settings";

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** What the service attaches to. */
export interface EcsLoadBalancer {
  loadBalancer: aws.lb.LoadBalancer;
  targetGroup: aws.lb.TargetGroup;
  /** The listener that serves the app: HTTPS with a domain, HTTP without. */
  serving: aws.lb.Listener;
  /** Listeners the service must wait for before it registers targets. */
  listeners: aws.lb.Listener[];
  /** `http://<load balancer DNS name>`. */
  address: pulumi.Output<string>;
}

/**
 * An Application Load Balancer, internet-facing for a public app and internal otherwise, with an `ip` target group that checks the health
 * path. HTTP forwards to the app, or redirects to HTTPS when the app has a domain.
 */
export function createLoadBalancer(
  name: string,
  spec: AppSpec,
  settings: EcsSettings,
  network: EcsNetwork,
  securityGroupId: pulumi.Input<string>,
  parent: pulumi.Resource,
): EcsLoadBalancer {
  const loadBalancer = new aws.lb.LoadBalancer(
    `${name}-alb`,
    {
      loadBalancerType: "application",
      internal: !spec.public,
      subnets: network.loadBalancerSubnetIds,
      securityGroups: [securityGroupId],
      dropInvalidHeaderFields: true,
      tags: exposureLabel(spec),
    },
    { parent },
  );
  const targetGroup = appTargetGroup(`${name}-tg`, spec, settings, network, parent);
  const address = pulumi.interpolate`http://${loadBalancer.dnsName}`;
  const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];

  if (!spec.domain) {
    const http = new aws.lb.Listener(
      `${name}-http`,
      { loadBalancerArn: loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: forward },
      { parent },
    );
    return { loadBalancer, targetGroup, serving: http, listeners: [http], address };
  }

  const redirect = new aws.lb.Listener(
    `${name}-http`,
    {
      loadBalancerArn: loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    },
    { parent },
  );
  const https = new aws.lb.Listener(
    `${name}-https`,
    {
      loadBalancerArn: loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: domainCertificate(name, spec.domain, settings, loadBalancer, parent),
      defaultActions: forward,
    },
    { parent },
  );
  return { loadBalancer, targetGroup, serving: https, listeners: [redirect, https], address };
}

/** An `ip` target group for the app's tasks that checks the health path. */
export function appTargetGroup(
  name: string,
  spec: AppSpec,
  settings: EcsSettings,
  network: EcsNetwork,
  parent: pulumi.Resource,
): aws.lb.TargetGroup {
  return new aws.lb.TargetGroup(
    name,
    {
      targetType: "ip",
      port: spec.port,
      protocol: "HTTP",
      vpcId: network.vpcId,
      deregistrationDelay: settings.deregistrationDelaySeconds,
      healthCheck: {
        path: spec.healthCheckPath,
        matcher: "200",
        interval: 10,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    },
    { parent },
  );
}
