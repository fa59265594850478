import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EcsSettings } from "./settings";

/** Where the load balancer and the tasks run. */
export interface EcsNetwork {
  vpcId: pulumi.Output<string>;
  /** Public subnets for the load balancer. */
  loadBalancerSubnetIds: pulumi.Output<string[]>;
  /** Subnets for the tasks. */
  taskSubnetIds: pulumi.Output<string[]>;
  /** Tasks in public subnets need a public IP to pull images and reach AWS APIs. */
  assignPublicIp: boolean;
  /** The VPC's CIDR block, looked up only when asked for (a private app's load balancer admits it). */
  cidrBlock: () => pulumi.Output<string>;
}

/** The VPC and subnets given in `skyport:ecs`, or the account's default VPC and its subnets. */
export function resolveNetwork(settings: EcsSettings, parent: pulumi.Resource): EcsNetwork {
  if (settings.vpcId && settings.publicSubnetIds) {
    return {
      vpcId: pulumi.output(settings.vpcId),
      loadBalancerSubnetIds: pulumi.output(settings.publicSubnetIds),
      taskSubnetIds: pulumi.output(settings.privateSubnetIds ?? settings.publicSubnetIds),
      assignPublicIp: !settings.privateSubnetIds,
      cidrBlock: () => aws.ec2.getVpcOutput({ id: settings.vpcId }, { parent }).cidrBlock,
    };
  }
  const vpc = aws.ec2.getVpcOutput({ default: true }, { parent });
  const subnets = aws.ec2.getSubnetsOutput(
    {
      filters: [
        { name: "vpc-id", values: [vpc.id] },
        { name: "default-for-az", values: ["true"] },
      ],
    },
    { parent },
  );
  return {
    vpcId: vpc.id,
    loadBalancerSubnetIds: subnets.ids,
    taskSubnetIds: subnets.ids,
    assignPublicIp: true,
    cidrBlock: () => vpc.cidrBlock,
  };
}
