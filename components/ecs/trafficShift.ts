import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AppSpec } from "../contract/appSpec";
import { appTargetGroup, type EcsLoadBalancer } from "./loadBalancer";
import type { EcsNetwork } from "./network";
import type { EcsSettings } from "./settings";

/** The test listener's port: the new tasks' target group answers there before production moves. */
export const TEST_LISTENER_PORT = 8080;

/**
 * What ECS rewrites on each listener rule during a blue/green, canary or linear deployment: the
 * forward action's weighted target groups. The program ignores exactly that, so the next
 * preview and the drift check do not put the weights back.
 */
export const ECS_OWNED_RULE_FIELDS = ["actions[0].forward.targetGroups"];

/** What the service's load balancer entry needs for ECS to shift traffic itself. */
export interface TrafficShift {
  alternate: aws.lb.TargetGroup;
  advancedConfiguration: {
    alternateTargetGroupArn: pulumi.Output<string>;
    productionListenerRule: pulumi.Output<string>;
    testListenerRule: pulumi.Output<string>;
    roleArn: pulumi.Output<string>;
  };
  /** What the service must wait for: the rules and the role's policy. */
  dependsOn: pulumi.Resource[];
}

const ASSUMED_BY_ECS = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * The second target group, the production and test listener rules that forward to both by
 * weight (all on the serving one at first), a test listener, and the infrastructure role ECS
 * assumes to move the weights, allowed to change only these rules and register targets only in
 * these target groups.
 */
export function createTrafficShift(
  name: string,
  spec: AppSpec,
  settings: EcsSettings,
  network: EcsNetwork,
  entry: EcsLoadBalancer,
  parent: pulumi.Resource,
): TrafficShift {
  const primary = entry.targetGroup;
  const alternate = appTargetGroup(`${name}-tg-alternate`, spec, settings, network, parent);
  const weighted = [
    {
      type: "forward",
      forward: {
        targetGroups: [
          { arn: primary.arn, weight: 100 },
          { arn: alternate.arn, weight: 0 },
        ],
      },
    },
  ];
  const everything = [{ pathPattern: { values: ["/*"] } }];
  const owned = { parent, ignoreChanges: ECS_OWNED_RULE_FIELDS };
  const production = new aws.lb.ListenerRule(
    `${name}-production-rule`,
    { listenerArn: entry.serving.arn, priority: 1, conditions: everything, actions: weighted },
    owned,
  );
  const testListener = new aws.lb.Listener(
    `${name}-test`,
    {
      loadBalancerArn: entry.loadBalancer.arn,
      port: TEST_LISTENER_PORT,
      protocol: "HTTP",
      defaultActions: [{ type: "forward", targetGroupArn: primary.arn }],
    },
    { parent },
  );
  const test = new aws.lb.ListenerRule(
    `${name}-test-rule`,
    { listenerArn: testListener.arn, priority: 1, conditions: everything, actions: weighted },
    owned,
  );

  const role = new aws.iam.Role(`${name}-ecs-infrastructure-role`, { assumeRolePolicy: ASSUMED_BY_ECS }, { parent });
  const policy = new aws.iam.RolePolicy(
    `${name}-ecs-infrastructure-policy`,
    {
      role: role.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadLoadBalancing",
            Effect: "Allow",
            Action: [
              "elasticloadbalancing:DescribeListeners",
              "elasticloadbalancing:DescribeRules",
              "elasticloadbalancing:DescribeTargetGroups",
              "elasticloadbalancing:DescribeTargetHealth",
            ],
            Resource: "*",
          },
          {
            Sid: "ShiftThisAppsRules",
            Effect: "Allow",
            Action: ["elasticloadbalancing:ModifyRule", "elasticloadbalancing:ModifyListener"],
            Resource: [production.arn, test.arn, entry.serving.arn, testListener.arn],
          },
          {
            Sid: "RegisterInThisAppsTargetGroups",
            Effect: "Allow",
            Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
            Resource: [primary.arn, alternate.arn],
          },
        ],
      }),
    },
    { parent },
  );
  return {
    alternate,
    advancedConfiguration: {
      alternateTargetGroupArn: alternate.arn,
      productionListenerRule: production.arn,
      testListenerRule: test.arn,
      roleArn: role.arn,
    },
    dependsOn: [production, test, policy],
  };
}
