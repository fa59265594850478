import assert from "node:assert/strict";
import { ECS_OWNED_RULE_FIELDS, TEST_LISTENER_PORT } from "../../../components/ecs/trafficShift";
import { assertRejected, rejectionOf } from "../../support/configProblems";
import { all, only, runStack, TEST_IMAGE, type TestRun } from "../../support/runStack";
import { MOCK_AWS, MOCK_DEFAULT_VPC, mockArn } from "../../conformance/adapters/ecsMocks";

const SERVICE = "aws:ecs/service:Service";
const RULE = "aws:lb/listenerRule:ListenerRule";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const inputs = (run: TestRun, type: string, name?: string): any => only(run, type, name).inputs;

function ecsStack(rollout: unknown, extra: Record<string, unknown> = {}) {
  return {
    "aws:region": MOCK_AWS.region,
    "skyport:platform": "ecs",
    "skyport:image": TEST_IMAGE,
    "skyport:environment": "production",
    "skyport:app": { name: "shop-api", rollout },
    "skyport:ecs": {},
    ...extra,
  };
}

/** The value at a property path like `actions[0].forward.targetGroups` in a resource's inputs. */
function at(value: any, path: string): unknown {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter(Boolean)
    .reduce((node, key) => node?.[key], value);
}

describe("ecs rollouts: ECS's own blue/green, canary and linear deployments", () => {
  it("keeps a rolling release as it was: no deployment strategy, one target group, no listener rules, no alarm", async () => {
    const run = await runStack(ecsStack(undefined));
    const service = inputs(run, SERVICE);
    assert.equal(service.deploymentConfiguration, undefined);
    assert.equal(service.loadBalancers[0].advancedConfiguration, undefined);
    assert.equal(service.alarms, undefined);
    assert.equal(all(run, TARGET_GROUP).length, 1);
    assert.equal(all(run, RULE).length, 0);
  });

  describe("blue/green", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(ecsStack({ strategy: "blue-green", bakeMinutes: 15 }));
    });

    it("uses ECS's BLUE_GREEN strategy, the old tasks kept for the bake", () => {
      assert.deepEqual(inputs(run, SERVICE).deploymentConfiguration, {
        strategy: "BLUE_GREEN",
        bakeTimeInMinutes: "15",
      });
    });

    it("gives ECS a second target group, the production and test listener rules, and its infrastructure role", () => {
      const { advancedConfiguration, targetGroupArn } = inputs(run, SERVICE).loadBalancers[0];
      assert.deepEqual(advancedConfiguration, {
        alternateTargetGroupArn: mockArn("shop-api-tg-alternate"),
        productionListenerRule: mockArn("shop-api-production-rule"),
        testListenerRule: mockArn("shop-api-test-rule"),
        roleArn: mockArn("shop-api-ecs-infrastructure-role"),
      });
      assert.equal(targetGroupArn, mockArn("shop-api-tg"));
      assert.equal(inputs(run, RULE, "shop-api-production-rule").listenerArn, mockArn("shop-api-http"));
      const test = inputs(run, "aws:lb/listener:Listener", "shop-api-test");
      assert.equal(test.port, TEST_LISTENER_PORT);
      assert.equal(inputs(run, RULE, "shop-api-test-rule").listenerArn, mockArn("shop-api-test"));
    });

    it("starts both rules with all traffic on the serving target group, weighted so ECS can move it", () => {
      for (const name of ["shop-api-production-rule", "shop-api-test-rule"]) {
        assert.deepEqual(inputs(run, RULE, name).actions, [
          {
            type: "forward",
            forward: {
              targetGroups: [
                { arn: mockArn("shop-api-tg"), weight: 100 },
                { arn: mockArn("shop-api-tg-alternate"), weight: 0 },
              ],
            },
          },
        ]);
      }
    });

    it("ignores exactly the weighted target groups ECS rewrites on each rule, a path that exists in the rule", () => {
      assert.deepEqual(ECS_OWNED_RULE_FIELDS, ["actions[0].forward.targetGroups"]);
      for (const rule of all(run, RULE)) {
        assert.deepEqual(rule.ignoreChanges, ECS_OWNED_RULE_FIELDS, rule.name);
        for (const path of ECS_OWNED_RULE_FIELDS)
          assert.ok(Array.isArray(at(rule.inputs, path)), `${rule.name}: ${path}`);
        assert.equal(rule.inputs && (rule.inputs as any).priority, 1);
      }
      assert.deepEqual(only(run, SERVICE).ignoreChanges, ["desiredCount"], "nothing else of the service is ECS's");
    });

    it("lets the infrastructure role change only this app's rules and register only in its target groups", () => {
      const role = inputs(run, "aws:iam/role:Role", "shop-api-ecs-infrastructure-role");
      assert.equal(JSON.parse(role.assumeRolePolicy).Statement[0].Principal.Service, "ecs.amazonaws.com");
      const policy = JSON.parse(
        inputs(run, "aws:iam/rolePolicy:RolePolicy", "shop-api-ecs-infrastructure-policy").policy,
      );
      const statement = (sid: string) => policy.Statement.find((s: { Sid: string }) => s.Sid === sid);
      assert.deepEqual(statement("ShiftThisAppsRules").Resource, [
        mockArn("shop-api-production-rule"),
        mockArn("shop-api-test-rule"),
        mockArn("shop-api-http"),
        mockArn("shop-api-test"),
      ]);
      assert.deepEqual(statement("RegisterInThisAppsTargetGroups").Resource, [
        mockArn("shop-api-tg"),
        mockArn("shop-api-tg-alternate"),
      ]);
      assert.deepEqual(
        policy.Statement.filter((s: { Resource: unknown }) => s.Resource === "*")
          .map((s: { Action: string[] }) => s.Action)
          .flat()
          .every((a: string) => a.startsWith("elasticloadbalancing:Describe")),
        true,
        "only reads are unscoped",
      );
    });

    it("opens the test listener to the VPC only, never to the internet", () => {
      const group = inputs(run, "aws:ec2/securityGroup:SecurityGroup", "shop-api-alb-sg");
      const test = group.ingress.find((rule: { fromPort: number }) => rule.fromPort === TEST_LISTENER_PORT);
      assert.deepEqual(test.cidrBlocks, [MOCK_DEFAULT_VPC.cidrBlock]);
      assert.equal(test.ipv6CidrBlocks, undefined);
    });

    it("waits for the rules and the role's policy before the service uses them", () => {
      const service = only(run, SERVICE);
      const needed = ["shop-api-production-rule", "shop-api-test-rule", "shop-api-ecs-infrastructure-policy"];
      for (const name of needed) {
        const urn = run.registrations.find((r) => r.name === name)!.urn;
        assert.ok(service.dependencies?.includes(urn), name);
      }
    });
  });

  it("maps one canary step to ECS's CANARY and even steps to LINEAR, each step baked", async () => {
    const canary = await runStack(ecsStack({ strategy: "canary", steps: [10], bakeMinutes: 5 }));
    assert.deepEqual(inputs(canary, SERVICE).deploymentConfiguration, {
      strategy: "CANARY",
      bakeTimeInMinutes: "5",
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "5" },
    });
    const linear = await runStack(ecsStack({ strategy: "canary", steps: [25, 50, 75], bakeMinutes: 3 }));
    assert.deepEqual(inputs(linear, SERVICE).deploymentConfiguration, {
      strategy: "LINEAR",
      bakeTimeInMinutes: "3",
      linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: "3" },
    });
    assert.ok(inputs(linear, SERVICE).loadBalancers[0].advancedConfiguration, "a canary shifts listener rules too");
  });

  it("refuses canary steps ECS cannot shift, naming both forms, before anything is created", async () => {
    const expected =
      "skyport:app.rollout.steps: [10,50] is not allowed; expected one percent (ECS's CANARY, e.g. [10]) or every multiple of one step below 100 (ECS's LINEAR, at least 3 % a step, e.g. [25, 50, 75])";
    await assertRejected(ecsStack({ strategy: "canary", steps: [10, 50] }), expected);
    await assertRejected(
      ecsStack({ strategy: "canary", steps: [25, 50] }),
      "skyport:app.rollout.steps: [25,50] is not allowed",
    );
    await assertRejected(
      ecsStack({ strategy: "canary", steps: Array.from({ length: 49 }, (_, i) => 2 * (i + 1)) }),
      "skyport:app.rollout.steps:",
    );
  });

  it("refuses a rollout step: ECS walks the steps itself, within one deployment", async () => {
    const rejection = await rejectionOf(
      ecsStack(
        { strategy: "canary", steps: [10] },
        { "skyport:rolloutStep": { stable: `ghcr.io/acme/skyport-app@sha256:${"5a".repeat(32)}`, percent: 10 } },
      ),
    );
    assert.ok(
      rejection.lines.some(
        (line) =>
          line.startsWith("skyport:rolloutStep: ") &&
          line.endsWith("expected no step: ecs walks a release's steps itself, within one deployment"),
      ),
      rejection.lines.join("\n"),
    );
    assert.deepEqual(rejection.registeredTypes, ["pulumi:pulumi:Stack"]);
  });

  describe("rollbackOnAlarm", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(ecsStack({ strategy: "blue-green", rollbackOnAlarm: true }));
    });

    it("rolls a deployment back on the app's 5xx rate, across both target groups", () => {
      const alarm = inputs(run, ALARM);
      assert.deepEqual(inputs(run, SERVICE).alarms, {
        alarmNames: ["shop-api-5xx-alarm"],
        enable: true,
        rollback: true,
      });
      const rate = alarm.metricQueries.find((q: { id: string }) => q.id === "rate");
      assert.equal(
        rate.expression,
        "100 * (FILL(errors0, 0) + FILL(errors1, 0)) / (FILL(requests0, 0) + FILL(requests1, 0))",
      );
      assert.equal(rate.returnData, true);
      const groups = alarm.metricQueries
        .filter((q: { metric?: unknown }) => q.metric)
        .map((q: any) => [q.metric.metricName, q.metric.dimensions.TargetGroup]);
      assert.deepEqual(groups, [
        ["HTTPCode_Target_5XX_Count", "targetgroup/shop-api-tg/0123456789abcdef"],
        ["HTTPCode_Target_5XX_Count", "targetgroup/shop-api-tg-alternate/0123456789abcdef"],
        ["RequestCount", "targetgroup/shop-api-tg/0123456789abcdef"],
        ["RequestCount", "targetgroup/shop-api-tg-alternate/0123456789abcdef"],
      ]);
      assert.equal(alarm.threshold, 5);
      assert.equal(alarm.treatMissingData, "notBreaching");
    });

    it("watches the one target group of a rolling release", async () => {
      const rolling = await runStack(ecsStack({ rollbackOnAlarm: true }));
      assert.equal(
        inputs(rolling, ALARM).metricQueries.find((q: { id: string }) => q.id === "rate").expression,
        "100 * (FILL(errors0, 0)) / (FILL(requests0, 0))",
      );
      assert.equal(inputs(rolling, SERVICE).alarms.rollback, true);
    });
  });
});
