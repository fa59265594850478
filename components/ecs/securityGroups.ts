import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import type { EcsNetwork } from "./network";
import { TEST_LISTENER_PORT } from "./trafficShift";

const ANYWHERE = { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] };
const ALL_OUT = [{ protocol: "-1", fromPort: 0, toPort: 0, ...ANYWHERE, description: "all outbound" }];

/**
 * The load balancer's group (80 and 443 from anyone for a public app, from the VPC for a
 * private one; with `testListener`, the test listener's port from the VPC only) and the tasks'
 * group (the app port, from the load balancer only).
 */
export function createSecurityGroups(
  name: string,
  spec: AppSpec,
  network: EcsNetwork,
  testListener: boolean,
  parent: pulumi.Resource,
) {
  const vpcId = network.vpcId;
  const sources = spec.public ? ANYWHERE : { cidrBlocks: [network.cidrBlock()] };
  const from = spec.public ? "anywhere" : "the VPC";
  const loadBalancer = new aws.ec2.SecurityGroup(
    `${name}-alb-sg`,
    {
      vpcId,
      description: `${name} load balancer: HTTP and HTTPS from ${from}`,
      ingress: [
        ...[80, 443].map((listenerPort) => ({
          protocol: "tcp",
          fromPort: listenerPort,
          toPort: listenerPort,
          ...sources,
          description: `port ${listenerPort} from ${from}`,
        })),
        ...(testListener
          ? [
              {
                protocol: "tcp",
                fromPort: TEST_LISTENER_PORT,
                toPort: TEST_LISTENER_PORT,
                cidrBlocks: [network.cidrBlock()],
                description: `test listener (${TEST_LISTENER_PORT}) from the VPC`,
              },
            ]
          : []),
      ],
      egress: ALL_OUT,
    },
    { parent },
  );
  const tasks = new aws.ec2.SecurityGroup(
    `${name}-task-sg`,
    {
      vpcId,
      description: `${name} tasks: the app port from the load balancer only`,
      ingress: [
        {
          protocol: "tcp",
          fromPort: spec.port,
          toPort: spec.port,
          securityGroups: [loadBalancer.id],
          description: "app port from the load balancer",
        },
      ],
      egress: ALL_OUT,
    },
    { parent },
  );
  return { loadBalancer, tasks };
}
