import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScalingSpec } from "../contract/appSpec";

/** Target tracking on the service's average CPU between the spec's bounds. */
export function createAutoscaling(
  name: string,
  scaling: ScalingSpec,
  clusterName: pulumi.Input<string>,
  serviceName: pulumi.Input<string>,
  parent: pulumi.Resource,
): void {
  const target = new aws.appautoscaling.Target(
    `${name}-scaling-target`,
    {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${clusterName}/${serviceName}`,
      minCapacity: scaling.min,
      maxCapacity: scaling.max,
    },
    { parent },
  );
  new aws.appautoscaling.Policy(
    `${name}-cpu-scaling`,
    {
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: scaling.targetCpuPercent,
        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        scaleInCooldown: 120,
        scaleOutCooldown: 60,
      },
    },
    { parent },
  );
}
