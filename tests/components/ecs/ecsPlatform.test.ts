import assert from "node:assert/strict";
import { APP_SHUTDOWN_GRACE_SECONDS } from "../../../components/contract/workload";
import { ecsContainer } from "../../conformance/adapters/ecs";
import { assertRejected } from "../../support/configProblems";
import { all, only, runStack, TEST_IMAGE, type TestRun } from "../../support/runStack";
import { MOCK_AWS, MOCK_DEFAULT_VPC, mockArn } from "../../conformance/adapters/ecsMocks";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const LISTENER = "aws:lb/listener:Listener";
const inputs = (run: TestRun, type: string, name?: string): any => only(run, type, name).inputs;
const policyOf = (run: TestRun): any => JSON.parse(inputs(run, "aws:iam/rolePolicy:RolePolicy").policy);

function ecsStack(
  app: Record<string, unknown> = {},
  ecs: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    "aws:region": MOCK_AWS.region,
    "skyport:platform": "ecs",
    "skyport:image": TEST_IMAGE,
    "skyport:environment": "production",
    "skyport:app": { name: "shop-api", ...app },
    "skyport:ecs": ecs,
    ...extra,
  };
}

describe("ecs platform", () => {
  describe("in the default VPC, without a domain", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(ecsStack({ minInstances: 2, maxInstances: 5 }), {});
    });

    it("is one skyport:platform:Ecs component that owns every AWS resource and registers its outputs", () => {
      const component = only(run, "skyport:platform:Ecs");
      for (const child of run.registrations.filter((r) => r.type.startsWith("aws:"))) {
        assert.equal(child.parent, component.urn, child.type);
      }
      assert.equal(component.outputs?.url, `http://shop-api-alb.${MOCK_AWS.region}.elb.amazonaws.com`);
      assert.equal(run.outputs.url, component.outputs?.url);
    });

    it("runs the load balancer and the tasks in the default VPC's subnets, with a public IP", () => {
      assert.deepEqual(inputs(run, "aws:lb/loadBalancer:LoadBalancer").subnets, MOCK_DEFAULT_VPC.subnetIds);
      const network = inputs(run, "aws:ecs/service:Service").networkConfiguration;
      assert.deepEqual(network.subnets, MOCK_DEFAULT_VPC.subnetIds);
      assert.equal(network.assignPublicIp, true);
      assert.equal(inputs(run, "aws:lb/targetGroup:TargetGroup").vpcId, MOCK_DEFAULT_VPC.id);
    });

    it("opens the load balancer on 80 and 443 to anyone, and nothing else", () => {
      const alb = inputs(run, SG, "shop-api-alb-sg");
      assert.deepEqual(
        alb.ingress.map((r: any) => [
          r.protocol,
          r.fromPort,
          r.toPort,
          r.cidrBlocks,
          r.ipv6CidrBlocks,
          r.securityGroups,
        ]),
        [
          ["tcp", 80, 80, ["0.0.0.0/0"], ["::/0"], undefined],
          ["tcp", 443, 443, ["0.0.0.0/0"], ["::/0"], undefined],
        ],
      );
      assert.deepEqual(inputs(run, "aws:lb/loadBalancer:LoadBalancer").securityGroups, ["shop-api-alb-sg-id"]);
    });

    it("admits only the load balancer, only on the app port, to the tasks", () => {
      const tasks = inputs(run, SG, "shop-api-task-sg");
      assert.equal(tasks.ingress.length, 1);
      const [rule] = tasks.ingress;
      assert.deepEqual(
        [rule.protocol, rule.fromPort, rule.toPort, rule.securityGroups],
        ["tcp", 3000, 3000, ["shop-api-alb-sg-id"]],
      );
      assert.equal(rule.cidrBlocks, undefined);
      assert.equal(rule.ipv6CidrBlocks, undefined);
      assert.deepEqual(inputs(run, "aws:ecs/service:Service").networkConfiguration.securityGroups, [
        "shop-api-task-sg-id",
      ]);
    });

    it("checks the health path from an ip target group, fast, and drains in 60 s or less", () => {
      const group = inputs(run, "aws:lb/targetGroup:TargetGroup");
      assert.equal(group.targetType, "ip");
      assert.equal(group.port, 3000);
      assert.equal(group.healthCheck.path, "/health");
      assert.ok(group.healthCheck.interval * group.healthCheck.healthyThreshold <= 30, "healthy within 30 s");
      assert.ok(group.deregistrationDelay <= 60);
    });

    it("serves plain HTTP from one listener when there is no domain", () => {
      const listener = inputs(run, LISTENER);
      assert.equal(listener.port, 80);
      assert.deepEqual(listener.defaultActions, [{ type: "forward", targetGroupArn: mockArn("shop-api-tg") }]);
      assert.equal(all(run, "aws:acm/certificate:Certificate").length, 0);
    });

    it("creates a cluster with Container Insights and a log group with retention", () => {
      assert.deepEqual(inputs(run, "aws:ecs/cluster:Cluster").settings, [
        { name: "containerInsights", value: "enabled" },
      ]);
      const logs = inputs(run, "aws:cloudwatch/logGroup:LogGroup");
      assert.equal(logs.name, "/skyport/shop-api/production");
      assert.equal(logs.retentionInDays, 30);
    });

    it("gives the execution role only pulling, this app's logs, and no secrets it has none of", () => {
      const execution = inputs(run, "aws:iam/role:Role", "shop-api-execution-role");
      assert.equal(JSON.parse(execution.assumeRolePolicy).Statement[0].Principal.Service, "ecs-tasks.amazonaws.com");
      const statements = policyOf(run).Statement;
      assert.deepEqual(
        statements.map((s: any) => s.Sid),
        ["PullImages", "WriteLogs"],
      );
      assert.equal(statements[1].Resource, `${mockArn("shop-api-logs")}:*`);
      assert.equal(inputs(run, "aws:iam/rolePolicy:RolePolicy").role, "shop-api-execution-role-id");
    });

    it("attaches nothing to the task role", () => {
      const roleIds = all(run, "aws:iam/rolePolicy:RolePolicy").map((p) => (p.inputs as any).role);
      assert.ok(!roleIds.includes("shop-api-task-role-id"));
      assert.equal(all(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
      assert.equal(inputs(run, "aws:ecs/taskDefinition:TaskDefinition").taskRoleArn, mockArn("shop-api-task-role"));
    });

    it("defines a Fargate task: awslogs, PORT, a health check, a stop timeout above the drain, non-root", () => {
      const task = inputs(run, "aws:ecs/taskDefinition:TaskDefinition");
      assert.deepEqual(task.requiresCompatibilities, ["FARGATE"]);
      assert.equal(task.networkMode, "awsvpc");
      assert.deepEqual([task.cpu, task.memory], ["1024", "2048"]);
      const container = ecsContainer(run);
      assert.equal(container.image, TEST_IMAGE);
      assert.deepEqual(container.logConfiguration, {
        logDriver: "awslogs",
        options: {
          "awslogs-group": "/skyport/shop-api/production",
          "awslogs-region": MOCK_AWS.region,
          "awslogs-stream-prefix": "shop-api",
        },
      });
      assert.deepEqual(
        container.environment.find((e: any) => e.name === "PORT"),
        { name: "PORT", value: "3000" },
      );
      assert.equal(container.healthCheck.command[0], "CMD");
      assert.match(container.healthCheck.command.join(" "), /127\.0\.0\.1:3000\/health/);
      assert.ok(container.stopTimeout > APP_SHUTDOWN_GRACE_SECONDS);
      assert.equal(container.user, "1000:1000");
      assert.equal(container.readonlyRootFilesystem, true);
      assert.deepEqual(container.secrets, []);
    });

    it("runs a service that rolls back a failed deployment and never drops below full capacity", () => {
      const service = only(run, "aws:ecs/service:Service");
      const spec = service.inputs as any;
      assert.deepEqual(spec.deploymentCircuitBreaker, { enable: true, rollback: true });
      assert.equal(spec.deploymentMinimumHealthyPercent, 100);
      assert.equal(spec.deploymentMaximumPercent, 200);
      assert.equal(spec.healthCheckGracePeriodSeconds, 60);
      assert.equal(spec.desiredCount, 2);
      assert.equal(spec.launchType, "FARGATE");
      assert.equal(spec.waitForSteadyState, true);
      assert.deepEqual(spec.loadBalancers, [
        { targetGroupArn: mockArn("shop-api-tg"), containerName: "app", containerPort: 3000 },
      ]);
      assert.deepEqual(service.ignoreChanges, ["desiredCount"], "autoscaling's changes are not drift");
    });

    it("tracks CPU between minInstances and maxInstances", () => {
      const target = inputs(run, "aws:appautoscaling/target:Target");
      assert.deepEqual([target.minCapacity, target.maxCapacity], [2, 5]);
      assert.equal(target.resourceId, "service/shop-api-cluster/shop-api");
      assert.equal(target.scalableDimension, "ecs:service:DesiredCount");
      const policy = inputs(run, "aws:appautoscaling/policy:Policy");
      assert.equal(policy.policyType, "TargetTrackingScaling");
      assert.deepEqual(policy.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification, {
        predefinedMetricType: "ECSServiceAverageCPUUtilization",
      });
      assert.equal(policy.targetTrackingScalingPolicyConfiguration.targetValue, 70);
    });
  });

  it("runs tasks in the private subnets given, without a public IP, and the load balancer in the public ones", async () => {
    const publicSubnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
    const run = await runStack(
      ecsStack(
        {},
        {
          vpcId: "vpc-0123456789abcdef0",
          publicSubnetIds: publicSubnets,
          privateSubnetIds: ["subnet-0fedcba9876543210"],
        },
      ),
    );
    assert.deepEqual(inputs(run, "aws:lb/loadBalancer:LoadBalancer").subnets, publicSubnets);
    const network = inputs(run, "aws:ecs/service:Service").networkConfiguration;
    assert.deepEqual(network.subnets, ["subnet-0fedcba9876543210"]);
    assert.equal(network.assignPublicIp, false);
    assert.equal(inputs(run, SG, "shop-api-task-sg").vpcId, "vpc-0123456789abcdef0");
  });

  it("redirects HTTP to HTTPS with a DNS-validated ACM certificate when a domain is set", async () => {
    const run = await runStack(ecsStack({ domain: "shop.example.com" }));
    const http = inputs(run, LISTENER, "shop-api-http");
    assert.deepEqual(http.defaultActions, [
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
    ]);
    const https = inputs(run, LISTENER, "shop-api-https");
    assert.equal(https.protocol, "HTTPS");
    assert.match(https.sslPolicy, /^ELBSecurityPolicy-TLS13/);
    assert.equal(https.certificateArn, mockArn("shop-api-cert"));
    const certificate = inputs(run, "aws:acm/certificate:Certificate");
    assert.deepEqual([certificate.domainName, certificate.validationMethod], ["shop.example.com", "DNS"]);
    const validation = inputs(run, "aws:route53/record:Record", "shop-api-cert-validation");
    assert.equal(validation.zoneId, "Z0MOCKZONE");
    assert.deepEqual(validation.records, ["_w.acm-validations.aws."]);
    const alias = inputs(run, "aws:route53/record:Record", "shop-api-dns");
    assert.equal(alias.name, "shop.example.com");
    assert.equal(alias.aliases[0].name, `shop-api-alb.${MOCK_AWS.region}.elb.amazonaws.com`);
    assert.equal(run.outputs.url, "https://shop.example.com");
  });

  it("uses a certificate ARN as given, and leaves DNS alone without a zone", async () => {
    const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
    const run = await runStack(ecsStack({ domain: "shop.example.com" }, { certificateArn }));
    assert.equal(inputs(run, LISTENER, "shop-api-https").certificateArn, certificateArn);
    assert.equal(all(run, "aws:acm/certificate:Certificate").length, 0);
    assert.equal(all(run, "aws:route53/record:Record").length, 0);
  });

  it("keeps each secret in Secrets Manager, reads it by reference, and lets only the execution role read only those", async () => {
    const run = await runStack(
      ecsStack({}, {}, { "skyport:secrets": { API_TOKEN: "tok-aws-123", DB_PASSWORD: "pw-aws-456" } }),
      {
        secretKeys: ["skyport:secrets"],
      },
    );
    const container = ecsContainer(run);
    assert.deepEqual(container.secrets, [
      { name: "API_TOKEN", valueFrom: mockArn("shop-api-secret-api-token") },
      { name: "DB_PASSWORD", valueFrom: mockArn("shop-api-secret-db-password") },
    ]);
    const read = policyOf(run).Statement.find((s: any) => s.Sid === "ReadAppSecrets");
    assert.deepEqual(read.Action, ["secretsmanager:GetSecretValue"]);
    assert.deepEqual(read.Resource, [mockArn("shop-api-secret-api-token"), mockArn("shop-api-secret-db-password")]);
    const everything = JSON.stringify(run.registrations.map((r) => r.inputs));
    assert.ok(!everything.includes("tok-aws-123") && !everything.includes("pw-aws-456"));
    assert.ok(!container.environment.some((e: any) => ["API_TOKEN", "DB_PASSWORD"].includes(e.name)));
  });

  it("can keep secrets as SSM SecureString parameters instead", async () => {
    const run = await runStack(
      ecsStack({}, { secretStore: "ssm" }, { "skyport:secrets": { API_TOKEN: "tok-ssm-789" } }),
      {
        secretKeys: ["skyport:secrets"],
      },
    );
    const parameter = only(run, "aws:ssm/parameter:Parameter");
    assert.equal((parameter.inputs as any).type, "SecureString");
    assert.equal((parameter.inputs as any).value, "[secret]");
    assert.equal((run.providerInputsOf(parameter) as any).value, "tok-ssm-789");
    const read = policyOf(run).Statement.find((s: any) => s.Sid === "ReadAppParameters");
    assert.deepEqual(read, {
      Sid: "ReadAppParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameters"],
      Resource: [mockArn("shop-api-param-api-token")],
    });
    assert.equal(all(run, "aws:secretsmanager/secret:Secret").length, 0);
  });

  it("pulls a private image with repository credentials kept in Secrets Manager", async () => {
    const run = await runStack(
      ecsStack({}, {}, { "skyport:registryAuth": { username: "ci-bot", password: "ghp-secret-1" } }),
      { secretKeys: ["skyport:registryAuth"] },
    );
    const credentials = only(run, "aws:secretsmanager/secretVersion:SecretVersion");
    assert.equal((credentials.inputs as any).secretString, "[secret]");
    assert.deepEqual(JSON.parse((run.providerInputsOf(credentials) as any).secretString), {
      username: "ci-bot",
      password: "ghp-secret-1",
    });
    const container = ecsContainer(run);
    assert.equal(container.image, TEST_IMAGE);
    assert.deepEqual(container.repositoryCredentials, {
      credentialsParameter: mockArn("shop-api-registry-credentials"),
    });
    const read = policyOf(run).Statement.find((s: any) => s.Sid === "ReadAppSecrets");
    assert.deepEqual(read.Resource, [mockArn("shop-api-registry-credentials")]);
    assert.ok(!JSON.stringify(run.registrations.map((r) => r.inputs)).includes("ghp-secret-1"));
  });

  it("or pulls through an ECR pull-through cache, by the same digest", async () => {
    const credentialArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/ghcr-abc";
    const run = await runStack(ecsStack({}, { pullThroughCache: { credentialArn } }));
    const rule = inputs(run, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
    assert.deepEqual(
      [rule.ecrRepositoryPrefix, rule.upstreamRegistryUrl, rule.credentialArn],
      ["skyport", "ghcr.io", credentialArn],
    );
    const digest = TEST_IMAGE.split("@")[1];
    assert.equal(
      ecsContainer(run).image,
      `${MOCK_AWS.accountId}.dkr.ecr.${MOCK_AWS.region}.amazonaws.com/skyport/acme/skyport-app@${digest}`,
    );
    const pull = policyOf(run).Statement.find((s: any) => s.Sid === "PullImages");
    assert.ok(pull.Action.includes("ecr:BatchImportUpstreamImage"));
  });

  describe("config checks", () => {
    const VALID_PAIRS: Array<[number, number]> = [
      [0.25, 512],
      [0.25, 2048],
      [0.5, 3072],
      [1, 8192],
      [2, 16384],
      [4, 30720],
      [8, 20480],
      [16, 122880],
    ];
    for (const [cpu, memory] of VALID_PAIRS) {
      it(`accepts the Fargate size ${cpu} vCPU / ${memory} MiB`, async () => {
        const run = await runStack(ecsStack({ cpu, memory }));
        assert.equal(inputs(run, "aws:ecs/taskDefinition:TaskDefinition").memory, String(memory));
      });
    }

    const REJECTED: Array<[string, Record<string, unknown>, string]> = [
      [
        "a cpu Fargate has no size for",
        ecsStack({ cpu: 3, memory: 6144 }),
        "skyport:app.cpu: 3 is not allowed; expected a Fargate size: 0.25 vCPU with 512, 1024 or 2048 MiB; 0.5 vCPU with 1024 to 4096 MiB in steps of 1024; 1 vCPU with 2048 to 8192 MiB in steps of 1024; 2 vCPU with 4096 to 16384 MiB in steps of 1024; 4 vCPU with 8192 to 30720 MiB in steps of 1024; 8 vCPU with 16384 to 61440 MiB in steps of 4096; 16 vCPU with 32768 to 122880 MiB in steps of 8192",
      ],
      [
        "too little memory for the cpu",
        ecsStack({ cpu: 1, memory: 1024 }),
        "skyport:app.memory: 1024 is not allowed; expected with cpu 1 on Fargate, 2048 to 8192 MiB in steps of 1024",
      ],
      [
        "memory off the step",
        ecsStack({ cpu: 8, memory: 18000 }),
        "skyport:app.memory: 18000 is not allowed; expected with cpu 8 on Fargate, 16384 to 61440 MiB in steps of 4096",
      ],
      [
        "0.25 vCPU with 4 GiB",
        ecsStack({ cpu: 0.25, memory: 4096 }),
        "skyport:app.memory: 4096 is not allowed; expected with cpu 0.25 on Fargate, 512, 1024 or 2048 MiB",
      ],
      [
        "a VPC without its public subnets",
        ecsStack({}, { vpcId: "vpc-0123456789abcdef0" }),
        "skyport:ecs.publicSubnetIds is required; expected the VPC's public subnets, required with vpcId",
      ],
      [
        "subnets without their VPC",
        ecsStack({}, { publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] }),
        "skyport:ecs.vpcId is required; expected the subnets' VPC id, required with subnet ids",
      ],
      [
        "one public subnet",
        ecsStack({}, { vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-0123456789abcdef0"] }),
        'skyport:ecs.publicSubnetIds: ["subnet-0123456789abcdef0"] is not allowed; expected at least two subnets in different zones',
      ],
      [
        "a malformed subnet id",
        ecsStack({}, { vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-1", "subnet-0123456789abcdef1"] }),
        'skyport:ecs.publicSubnetIds.0: "subnet-1" is not allowed; expected an id like subnet-0123456789abcdef0',
      ],
      [
        "a log retention CloudWatch does not offer",
        ecsStack({}, { logRetentionDays: 10 }),
        "skyport:ecs.logRetentionDays: 10 is not allowed; expected one of 1, 3, 5, 7, 14, 30, 60, 90",
      ],
      [
        "a deregistration delay over 60 s",
        ecsStack({}, { deregistrationDelaySeconds: 300 }),
        "skyport:ecs.deregistrationDelaySeconds: 300 is not allowed; expected a whole number from 0 to 60",
      ],
      [
        "a certificate without a domain",
        ecsStack({}, { certificateArn: "arn:aws:acm:eu-west-1:1:certificate/x" }),
        'skyport:ecs.certificateArn: "arn:aws:acm:eu-west-1:1:certificate/x" is not allowed; expected no value unless skyport:app.domain is set',
      ],
      [
        "an unknown secret store",
        ecsStack({}, { secretStore: "vault" }),
        'skyport:ecs.secretStore: "vault" is not allowed; expected secretsmanager or ssm',
      ],
      [
        "both registryAuth and a pull-through cache",
        ecsStack(
          {},
          { pullThroughCache: { credentialArn: "arn:aws:secretsmanager:eu-west-1:1:secret:ecr-pullthroughcache/x" } },
          { "skyport:registryAuth": { username: "u", password: "p" } },
        ),
        "skyport:ecs.pullThroughCache: ",
      ],
      [
        "a pull-through cache for a registry ECR cannot front",
        ecsStack(
          {},
          { pullThroughCache: { credentialArn: "arn:aws:secretsmanager:eu-west-1:1:secret:ecr-pullthroughcache/x" } },
          { "skyport:image": `registry.acme.internal/app@sha256:${"c".repeat(64)}` },
        ),
        `skyport:image: "registry.acme.internal/app@sha256:${"c".repeat(64)}" is not allowed; expected an image from a registry an ECR pull-through cache can front`,
      ],
      [
        "a typo in the ecs block",
        ecsStack({}, { logRetention: 30 }),
        "skyport:ecs.logRetention: unknown key; allowed keys: vpcId, publicSubnetIds",
      ],
    ];
    for (const [what, config, expected] of REJECTED) {
      it(`rejects ${what}`, async () => {
        await assertRejected(config, expected, ["skyport:ecs", "skyport:registryAuth"]);
      });
    }
  });
});
