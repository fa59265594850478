import assert from "node:assert/strict";
import { readdirSync, writeFileSync, mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RENDER_SERVICE_TYPE } from "../../components/render/serviceState";
import { POLICIES } from "../../policy/policies";
import { policyReaders } from "../../policy/inspect";
import { evaluatePolicies, readPolicyConfig } from "../../tools/lib/plan/evaluatePolicies";
import { rejectionOf } from "../support/configProblems";
import { kubernetesStack, runStack, TEST_IMAGE } from "../support/runStack";
import { MOCK_AWS, MOCK_DEFAULT_VPC } from "../conformance/adapters/ecsMocks";
import { planStack, type PlanRun } from "../../tools/lib/plan/planStack";
import type { PlannedResource } from "../../tools/lib/plan/recorder";
import { planCommand } from "../../tools/plan/cli";
import { readProjectFile, readStackFile, stackFilePath } from "../../tools/lib/plan/stackFile";
import { runCliSync, runCommand } from "../support/runCli";

const project = readProjectFile();
const stacks = readdirSync(project.stackConfigDir)
  .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
  .map((f) => f.replace(/^Pulumi\.(.+)\.yaml$/, "$1"));
const plans = new Map<string, PlanRun>();

async function planOf(stack: string): Promise<PlanRun> {
  if (!plans.has(stack)) {
    plans.set(
      stack,
      await planStack({ project: project.name, stack, runtimeConfig: readStackFile(stackFilePath(project, stack)) }),
    );
  }
  return plans.get(stack)!;
}

/** The plan's registrations with one resource's inputs changed. */
function broken(plan: PlanRun, type: string, change: (inputs: any) => void): PlannedResource[] {
  return plan.registrations.map((r) => {
    if (r.type !== type) return r;
    const inputs = structuredClone(r.inputs);
    change(inputs);
    return { ...r, inputs };
  });
}

function only(violations: ReturnType<typeof evaluatePolicies>, policy: string) {
  return violations.filter((v) => v.policy === policy);
}

describe("policy pack", () => {
  it("has the seven policies, each with a description", () => {
    assert.deepEqual(
      POLICIES.map((p) => p.name),
      [
        "minimum-instances",
        "image-by-digest",
        "container-limits",
        "https-with-domain",
        "bounded-log-retention",
        "no-plaintext-secrets",
        "no-public-exposure",
      ],
    );
    for (const policy of POLICIES) assert.ok(policy.description.length > 20, policy.name);
  });

  for (const stack of stacks) {
    it(`finds nothing in the offline plan of stack '${stack}'`, async () => {
      assert.deepEqual(evaluatePolicies((await planOf(stack)).registrations, readPolicyConfig(stack)), []);
    });
  }

  it("is advisory in staging and mandatory in production, by the pack's config", () => {
    assert.equal(readPolicyConfig("staging").all, "advisory");
    assert.equal(readPolicyConfig("production").all, "mandatory");
    assert.deepEqual(readPolicyConfig("production")["minimum-instances"], { minimum: 2 });
  });

  describe("against broken variants", () => {
    const mandatory = { all: "mandatory" as const, "minimum-instances": { minimum: 2 } };

    it("minimum-instances: a production stack below two instances", async () => {
      const plan = await planOf("production");
      const found = only(
        evaluatePolicies(
          broken(plan, "aws:appautoscaling/target:Target", (i) => (i.minCapacity = 1)),
          mandatory,
        ),
        "minimum-instances",
      );
      assert.equal(found.length, 1);
      assert.equal(found[0].enforcementLevel, "mandatory");
      assert.match(
        found[0].message,
        /may run 1 instance\(s\), fewer than the 2 this stack requires\. Fix: set skyport:app\.minInstances to 2 or more\./,
      );
    });

    it("image-by-digest: an image by tag, on each platform", async () => {
      const tag = "ghcr.io/acme/skyport-app:latest";
      for (const [stack, type, change] of [
        ["staging", RENDER_SERVICE_TYPE, (i: any) => (i.image = tag)],
        [
          "example-kubernetes",
          "kubernetes:apps/v1:Deployment",
          (i: any) => (i.spec.template.spec.containers[0].image = tag),
        ],
        ["example-cloudrun", "gcp:cloudrunv2/service:Service", (i: any) => (i.template.containers[0].image = tag)],
        [
          "production",
          "aws:ecs/taskDefinition:TaskDefinition",
          (i: any) => (i.containerDefinitions = i.containerDefinitions.replace(/"image":"[^"]+"/, `"image":"${tag}"`)),
        ],
      ] as const) {
        const found = only(evaluatePolicies(broken(await planOf(stack), type, change), {}), "image-by-digest");
        assert.equal(found.length, 1, stack);
        assert.match(
          found[0].message,
          /runs ghcr\.io\/acme\/skyport-app:latest, a mutable tag\. Fix: set skyport:image to <repository>@sha256:<digest>\./,
        );
      }
    });

    it("container-limits: a container without a memory limit", async () => {
      const plan = await planOf("example-kubernetes");
      const found = only(
        evaluatePolicies(
          broken(
            plan,
            "kubernetes:apps/v1:Deployment",
            (i) => delete i.spec.template.spec.containers[0].resources.limits.memory,
          ),
          {},
        ),
        "container-limits",
      );
      assert.equal(found.length, 1);
      assert.match(found[0].message, /has no memory limit\. Fix: set skyport:app\.cpu and skyport:app\.memory/);
    });

    it("https-with-domain: a domain served over plain HTTP", async () => {
      const plan = await planOf("production");
      const httpForward = broken(plan, "aws:lb/listener:Listener", (i) => {
        if (i.protocol === "HTTP") i.defaultActions = [{ type: "forward", targetGroupArn: "tg" }];
      });
      const found = only(evaluatePolicies(httpForward, {}), "https-with-domain");
      assert.equal(found.length, 1);
      assert.match(found[0].message, /serves plain HTTP for a domain\. Fix: redirect HTTP to HTTPS\./);
      const withDomain = await planStack({
        project: project.name,
        stack: "k8s-domain",
        runtimeConfig: {
          config: {
            "skyport:platform": "kubernetes",
            "skyport:image": `ghcr.io/a/b@sha256:${"a".repeat(64)}`,
            "skyport:app": JSON.stringify({ name: "shop-api", domain: "shop.example.com" }),
          },
          secretKeys: [],
        },
      });
      const noTls = only(
        evaluatePolicies(
          broken(withDomain, "kubernetes:networking.k8s.io/v1:Ingress", (i) => (i.spec.tls = [])),
          {},
        ),
        "https-with-domain",
      );
      assert.match(
        noTls[0].message,
        /serves shop\.example\.com without TLS\. Fix: give the Ingress a tls entry for shop\.example\.com\./,
      );
    });

    it("bounded-log-retention: logs kept forever", async () => {
      const found = only(
        evaluatePolicies(
          broken(await planOf("production"), "aws:cloudwatch/logGroup:LogGroup", (i) => delete i.retentionInDays),
          {},
        ),
        "bounded-log-retention",
      );
      assert.match(found[0].message, /keeps logs forever\. Fix: set skyport:ecs\.logRetentionDays to 3653 or fewer\./);
    });

    it("no-plaintext-secrets: a secret set as plain env", async () => {
      const found = only(
        evaluatePolicies(
          broken(await planOf("staging"), RENDER_SERVICE_TYPE, (i) => (i.envVars.STRIPE_API_KEY = "sk_live_123")),
          {},
        ),
        "no-plaintext-secrets",
      );
      assert.match(found[0].message, /sets STRIPE_API_KEY as plain text\. Fix: move it to skyport:secrets/);
    });

    it("no-public-exposure: anything more public than skyport:app.public declares, or less", async () => {
      const cloudrun = broken(
        await planOf("example-cloudrun"),
        "gcp:cloudrunv2/service:Service",
        (i) => (i.labels["skyport-public"] = "false"),
      );
      const invoker = only(evaluatePolicies(cloudrun, {}), "no-public-exposure");
      assert.equal(invoker.length, 1);
      assert.match(
        invoker[0].message,
        /^shop-api-public makes the app reachable from the internet, but skyport:app\.public is false\./,
      );
      const internal = broken(
        await planOf("production"),
        "aws:lb/loadBalancer:LoadBalancer",
        (i) => (i.internal = true),
      );
      assert.match(
        only(evaluatePolicies(internal, {}), "no-public-exposure")[0].message,
        /^shop-api-alb keeps the app private, but skyport:app\.public is true\./,
      );
      const loadBalancer = broken(
        await planOf("example-kubernetes"),
        "kubernetes:core/v1:Service",
        (i) => (i.metadata.annotations["skyport-public"] = "false"),
      );
      assert.equal(only(evaluatePolicies(loadBalancer, {}), "no-public-exposure").length, 1);
    });

    it("no-public-exposure: a security group open beyond 80 and 443", async () => {
      const ssh = broken(await planOf("production"), "aws:ec2/securityGroup:SecurityGroup", (i) =>
        i.ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
      );
      const open = only(evaluatePolicies(ssh, {}), "no-public-exposure");
      assert.ok(open.length >= 1);
      assert.match(
        open[0].message,
        /opens ports 22-22 to the internet\. Fix: open only 80 and 443, on the load balancer\./,
      );
    });
  });

  describe("a private app (skyport:app.public false), the same on every platform that has one", () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      [
        "ecs",
        {
          "aws:region": MOCK_AWS.region,
          "skyport:platform": "ecs",
          "skyport:image": TEST_IMAGE,
          "skyport:app": { name: "shop-api", public: false },
        },
      ],
      [
        "cloudrun",
        {
          "gcp:project": "acme-prod",
          "skyport:platform": "cloudrun",
          "skyport:image": TEST_IMAGE,
          "skyport:app": { name: "shop-api", public: false },
          "skyport:cloudrun": { region: "europe-west1" },
        },
      ],
      ["kubernetes", kubernetesStack({ "skyport:app": { name: "shop-api", public: false } })],
    ];
    for (const [platform, config] of cases) {
      it(`${platform}: nothing reachable from the internet, and the policy agrees`, async () => {
        const run = await runStack(config);
        assert.deepEqual(only(evaluatePolicies(run.registrations, {}), "no-public-exposure"), []);
        const exposures = run.registrations
          .map((r) => policyReaders().exposureOf(r.type, r.inputs))
          .filter((view) => view !== undefined);
        assert.ok(exposures.some((view) => view.declaredPublic === false));
        assert.ok(exposures.every((view) => view.public !== true));
      });
    }

    it("ecs: an internal load balancer that admits the VPC only", async () => {
      const run = await runStack(cases[0][1]);
      const alb = run.registrations.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
      assert.equal((alb.inputs as any).internal, true);
      const group = run.registrations.find((r) => r.name === "shop-api-alb-sg")!;
      for (const rule of (group.inputs as any).ingress) {
        assert.deepEqual([rule.cidrBlocks, rule.ipv6CidrBlocks], [[MOCK_DEFAULT_VPC.cidrBlock], undefined]);
      }
    });

    it("kubernetes: a ClusterIP Service, reached at its cluster address", async () => {
      const run = await runStack(cases[2][1]);
      const service = run.registrations.find((r) => r.type === "kubernetes:core/v1:Service")!;
      assert.equal((service.inputs as any).spec.type, "ClusterIP");
      assert.equal(run.outputs.url, "http://shop-api.shop-api.svc.cluster.local");
    });

    it("render: refused, as a Render web service is always public", async () => {
      const { lines } = await rejectionOf({
        "skyport:platform": "render",
        "skyport:image": TEST_IMAGE,
        "skyport:app": { name: "shop-api", public: false },
        "skyport:render": { ownerId: "tea-c0ffee123", plan: "standard", region: "frankfurt" },
      });
      assert.deepEqual(lines, [
        "skyport:app.public: false is not allowed; expected true on render: a Render web service is always reachable from the internet",
      ]);
    });
  });

  it("npm run plan -- --policy gives the pipeline's verdict: exit 1 on a mandatory violation", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-"));
    try {
      const file = join(dir, "Pulumi.production.yaml");
      writeFileSync(
        file,
        readFileSync(stackFilePath(project, "production"), "utf8").replace("minInstances: 2", "minInstances: 1"),
      );
      const passing = runCliSync("plan", ["--stack", "production", "--json", "--policy"]);
      assert.equal(passing.status, 0, passing.stderr);
      assert.match(passing.stderr, /policies: 0 violation\(s\), 0 mandatory/);
      const failing = await runCommand(planCommand, [
        "--stack",
        "production",
        "--json",
        "--policy",
        "--config-file",
        file,
      ]);
      assert.equal(failing.status, 1);
      assert.match(failing.stderr, /\[mandatory\] minimum-instances: shop-api-scaling-target may run 1 instance\(s\)/);
      assert.doesNotThrow(() => JSON.parse(failing.stdout), "the plan is still printed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
