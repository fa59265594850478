import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** The share of requests answered 5xx by the app's tasks, in percent, that rolls a deployment back. */
export const TARGET_5XX_PERCENT = 5;

/**
 * A CloudWatch alarm on the app's 5xx rate: its target groups' 5xx answers over their requests,
 * per minute, above TARGET_5XX_PERCENT for two minutes in a row. Both target groups count, so the
 * new tasks' answers count wherever ECS put them.
 */
export function serverErrorAlarm(
  name: string,
  loadBalancerSuffix: pulumi.Input<string>,
  targetGroupSuffixes: pulumi.Input<string>[],
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  const metric = (id: string, metricName: string, targetGroup: pulumi.Input<string>) => ({
    id,
    returnData: false,
    metric: {
      namespace: "AWS/ApplicationELB",
      metricName,
      period: 60,
      stat: "Sum",
      dimensions: { LoadBalancer: loadBalancerSuffix, TargetGroup: targetGroup },
    },
  });
  const errors = targetGroupSuffixes.map((tg, i) => metric(`errors${i}`, "HTTPCode_Target_5XX_Count", tg));
  const requests = targetGroupSuffixes.map((tg, i) => metric(`requests${i}`, "RequestCount", tg));
  const sum = (queries: Array<{ id: string }>) => queries.map((q) => `FILL(${q.id}, 0)`).join(" + ");
  return new aws.cloudwatch.MetricAlarm(
    `${name}-5xx-alarm`,
    {
      alarmDescription: `${name}: the app's 5xx rate above ${TARGET_5XX_PERCENT} %; ECS rolls a deployment back on it`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: TARGET_5XX_PERCENT,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      metricQueries: [
        ...errors,
        ...requests,
        {
          id: "rate",
          label: "5xx percent",
          returnData: true,
          // A minute without requests divides by zero and gives no point: missing, not a breach.
          expression: `100 * (${sum(errors)}) / (${sum(requests)})`,
        },
      ],
    },
    { parent },
  );
}
