import type { PlannedResource } from "../../../tools/lib/plan/recorder";
import { all, only, type TestRun } from "../../support/runStack";
import { MOCK_AWS } from "./ecsMocks";
import type { ConformanceAdapter } from "../facts";

/** The task's app container, parsed from the task definition's JSON. */
export function ecsContainer(run: TestRun): any {
  return JSON.parse((only(run, "aws:ecs/taskDefinition:TaskDefinition").inputs as any).containerDefinitions)[0];
}

/** The resource a mocked ARN belongs to (test mocks end every ARN with the resource name). */
function byArn(run: TestRun, arn: string): PlannedResource | undefined {
  return run.registrations.find((r) => arn.endsWith(`:${r.name}`));
}

/**
 * The percents of the production path ECS will shift to a release, in order, from the service's
 * deployment configuration: CANARY's one step then all, LINEAR's even steps, BLUE_GREEN's one switch.
 */
function shiftedSteps(run: TestRun): number[] {
  const deployment = (only(run, "aws:ecs/service:Service").inputs as any).deploymentConfiguration;
  switch (deployment?.strategy) {
    case "CANARY":
      return [deployment.canaryConfiguration.canaryPercent, 100];
    case "LINEAR": {
      const step = deployment.linearConfiguration.stepPercent as number;
      return Array.from({ length: Math.ceil(100 / step) }, (_, i) => Math.min(100, step * (i + 1)));
    }
    case "BLUE_GREEN":
      return [100];
    default:
      return [];
  }
}

/** Reads the conformance facts out of the ECS task definition, secrets, service and scaling policy. */
export const ecsAdapter: ConformanceAdapter = {
  platform: "ecs",
  settings: {},
  providerConfig: { "aws:region": MOCK_AWS.region },
  shiftedSteps,
  rollsBack: true,
  facts: (run) => {
    const container = ecsContainer(run);
    const task = only(run, "aws:ecs/taskDefinition:TaskDefinition").inputs as any;
    const service = only(run, "aws:ecs/service:Service").inputs as any;
    const healthCheck = (only(run, "aws:lb/targetGroup:TargetGroup").inputs as any).healthCheck;
    const scaling = only(run, "aws:appautoscaling/target:Target").inputs as any;
    const policy = only(run, "aws:appautoscaling/policy:Policy").inputs as any;
    const versions = all(run, "aws:secretsmanager/secretVersion:SecretVersion");
    const secretStore: Record<string, unknown> = {};
    const secretRefs: string[] = [];
    for (const ref of container.secrets as Array<{ name: string; valueFrom: string }>) {
      const secret = byArn(run, ref.valueFrom);
      const version = versions.find((v) => (v.inputs as any).secretId === `${secret?.name}-id`);
      if (!version) continue;
      secretRefs.push(ref.name);
      secretStore[ref.name] = (run.providerInputsOf(version) as any).secretString;
    }
    return {
      image: container.image,
      containerPort: container.portMappings[0].containerPort,
      env: Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value])),
      secretStore,
      secretStoreMarkedSecret: versions.every((v) => (v.inputs as any).secretString === "[secret]"),
      secretRefs,
      cpu: Number(task.cpu) / 1024,
      memoryMiB: Number(task.memory),
      scaling: {
        min: scaling.minCapacity,
        max: scaling.maxCapacity,
        targetCpuPercent: policy.targetTrackingScalingPolicyConfiguration.targetValue,
      },
      healthGate: {
        livenessPath: container.healthCheck.command.join(" ").includes(healthCheck.path) ? healthCheck.path : "",
        trafficPath: healthCheck.path,
        rolloutWaitsForHealth:
          service.deploymentMinimumHealthyPercent === 100 && service.deploymentCircuitBreaker.enable === true,
        rollsBack: service.deploymentCircuitBreaker.rollback === true,
      },
      runsAsNonRoot: typeof container.user === "string" && !/^(0|root)(:|$)/.test(container.user),
    };
  },
};
