import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const ASSUMED_BY_ECS_TASKS = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** What the execution role may touch. */
export interface ExecutionRoleScope {
  /** The app's log group. */
  logGroupArn: pulumi.Input<string>;
  /** Secrets Manager secrets the tasks read (app secrets and registry credentials). */
  secretArns: pulumi.Input<string>[];
  /** SSM parameters the tasks read. */
  parameterArns: pulumi.Input<string>[];
  /** Let ECR import images through a pull-through cache rule. */
  pullThroughCache: boolean;
}

/** The execution role's policy: pull images, write this app's logs, read only this app's secrets. */
export function executionPolicy(scope: ExecutionRoleScope): pulumi.Output<string> {
  const pullActions = [
    "ecr:GetAuthorizationToken",
    "ecr:BatchCheckLayerAvailability",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage",
    ...(scope.pullThroughCache ? ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] : []),
  ];
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "PullImages", Effect: "Allow", Action: pullActions, Resource: "*" },
      {
        Sid: "WriteLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: pulumi.interpolate`${scope.logGroupArn}:*`,
      },
      ...(scope.secretArns.length > 0
        ? [
            {
              Sid: "ReadAppSecrets",
              Effect: "Allow",
              Action: ["secretsmanager:GetSecretValue"],
              Resource: scope.secretArns,
            },
          ]
        : []),
      ...(scope.parameterArns.length > 0
        ? [{ Sid: "ReadAppParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: scope.parameterArns }]
        : []),
    ],
  });
}

/** The execution role ECS uses to start tasks, and the task role the app runs as (nothing attached). */
export function createRoles(name: string, scope: ExecutionRoleScope, parent: pulumi.Resource) {
  const execution = new aws.iam.Role(`${name}-execution-role`, { assumeRolePolicy: ASSUMED_BY_ECS_TASKS }, { parent });
  new aws.iam.RolePolicy(
    `${name}-execution-policy`,
    { role: execution.id, policy: executionPolicy(scope) },
    { parent },
  );
  const task = new aws.iam.Role(`${name}-task-role`, { assumeRolePolicy: ASSUMED_BY_ECS_TASKS }, { parent });
  return { execution, task };
}
