import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../contract/platform";
import { createAutoscaling } from "./autoscaling";
import { CONTAINER_NAME, publicUrl } from "../contract/workload";
import { containerDefinitions } from "./containerDefinition";
import { fargateCpuUnits } from "./fargate";
import { createRoles } from "./iam";
import { taskImage } from "./image";
import { createLoadBalancer } from "./loadBalancer";
import { resolveNetwork } from "./network";
import { storeRegistryCredentials, storeSecrets } from "./secretStore";
import { createSecurityGroups } from "./securityGroups";
import { ecsDeploymentConfiguration } from "./deploymentStrategy";
import { createTrafficShift } from "./trafficShift";
import { serverErrorAlarm } from "./alarm";
import type { EcsSettings } from "./settings";

/**
 * The app on ECS Fargate: an ALB in front, tasks that admit only the ALB, secrets in Secrets
 * Manager or SSM, least-privilege roles, a service that rolls back a failed deployment, and
 * CPU target tracking between the spec's bounds. Blue/green and canary are ECS's own
 * deployments: ECS shifts the listener rules' weights between two target groups
 * (trafficShift.ts), and with rollbackOnAlarm the app's 5xx alarm rolls a deployment back.
 */
export class EcsPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or `http://<load balancer DNS name>`. */
  readonly url: pulumi.Output<string>;
  /** Name of the ECS service. */
  readonly serviceName: pulumi.Output<string>;

  constructor(name: string, args: PlatformArgs<EcsSettings>, opts?: pulumi.ComponentResourceOptions) {
    super("skyport:platform:Ecs", name, {}, opts);
    const { spec, settings } = args;

    const network = resolveNetwork(settings, this);
    const deployment = ecsDeploymentConfiguration(spec);
    const groups = createSecurityGroups(name, spec, network, deployment !== undefined, this);
    const entry = createLoadBalancer(name, spec, settings, network, groups.loadBalancer.id, this);
    const shift = deployment ? createTrafficShift(name, spec, settings, network, entry, this) : undefined;
    const alarm = spec.rollout.rollbackOnAlarm
      ? serverErrorAlarm(
          name,
          entry.loadBalancer.arnSuffix,
          [entry.targetGroup.arnSuffix, ...(shift ? [shift.alternate.arnSuffix] : [])],
          this,
        )
      : undefined;

    const cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { settings: [{ name: "containerInsights", value: "enabled" }] },
      { parent: this },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/skyport/${spec.name}/${spec.environment}`, retentionInDays: settings.logRetentionDays },
      { parent: this },
    );

    const secrets = storeSecrets(name, spec, settings.secretStore, this);
    const registryCredentials = spec.registryAuth
      ? storeRegistryCredentials(name, spec, spec.registryAuth, this)
      : undefined;
    const secretArns = secrets.map((secret) => secret.valueFrom);
    const roles = createRoles(
      name,
      {
        logGroupArn: logGroup.arn,
        secretArns: [
          ...(settings.secretStore === "secretsmanager" ? secretArns : []),
          ...(registryCredentials ? [registryCredentials] : []),
        ],
        parameterArns: settings.secretStore === "ssm" ? secretArns : [],
        pullThroughCache: settings.pullThroughCache !== undefined,
      },
      this,
    );

    const region = aws.getRegionOutput({}, { parent: this }).region;
    const taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: `${spec.name}-${spec.environment}`,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(fargateCpuUnits(spec.cpu)),
        memory: String(spec.memoryMiB),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: roles.execution.arn,
        taskRoleArn: roles.task.arn,
        containerDefinitions: containerDefinitions(
          spec,
          taskImage(name, spec.image, settings, this),
          secrets,
          { group: logGroup.name, region },
          registryCredentials,
        ),
      },
      { parent: this },
    );

    const service = new aws.ecs.Service(
      `${name}-service`,
      {
        name: spec.name,
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        launchType: "FARGATE",
        desiredCount: spec.scaling.min,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        ...(deployment ? { deploymentConfiguration: deployment } : {}),
        ...(alarm ? { alarms: { alarmNames: [alarm.name], enable: true, rollback: true } } : {}),
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        healthCheckGracePeriodSeconds: settings.healthCheckGracePeriodSeconds,
        networkConfiguration: {
          subnets: network.taskSubnetIds,
          securityGroups: [groups.tasks.id],
          assignPublicIp: network.assignPublicIp,
        },
        loadBalancers: [
          {
            targetGroupArn: entry.targetGroup.arn,
            containerName: CONTAINER_NAME,
            containerPort: spec.port,
            ...(shift ? { advancedConfiguration: shift.advancedConfiguration } : {}),
          },
        ],
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        waitForSteadyState: true,
      },
      { parent: this, dependsOn: [...entry.listeners, ...(shift?.dependsOn ?? [])], ignoreChanges: ["desiredCount"] },
    );
    createAutoscaling(name, spec.scaling, cluster.name, service.name, this);

    this.url = publicUrl(spec, () => entry.address);
    this.serviceName = service.name;
    this.registerOutputs({ url: this.url, serviceName: this.serviceName });
  }
}
