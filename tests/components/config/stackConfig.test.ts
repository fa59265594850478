import assert from "node:assert/strict";
import { rejectionOf } from "../../support/configProblems";
import { kubernetesStack, runStack, TEST_IMAGE } from "../../support/runStack";

const app = (fields: Record<string, unknown>) => ({ "skyport:app": { name: "shop-api", ...fields } });

/** Each case: config overrides and the exact line its error must contain. */
const REJECTED: Array<[string, Record<string, unknown>, string]> = [
  [
    "a missing platform",
    { "skyport:platform": undefined },
    "skyport:platform is required; expected one of ecs, kubernetes, cloudrun, render",
  ],
  [
    "an unknown platform",
    { "skyport:platform": "aws" },
    'skyport:platform: "aws" is not allowed; expected one of ecs, kubernetes, cloudrun, render',
  ],
  [
    "a plain env value under a secret-looking name, without showing it",
    app({ env: { STRIPE_API_KEY: "sk_live_51Hx" } }),
    "skyport:app.env.STRIPE_API_KEY: [secret] is not allowed; expected a Pulumi secret, not a plain env value (STRIPE_API_KEY looks like a secret): remove it from skyport:app.env and set it with `pulumi config set --secret --path 'skyport:secrets.STRIPE_API_KEY' <value>`",
  ],
  [
    "a switch to a platform without its settings block, naming the keys it requires",
    { "skyport:platform": "render" },
    "skyport:render is required; expected an object with keys: ownerId, plan, region, apiKey, deployTimeoutSeconds, deployPollSeconds, rateLimitWaitSeconds, apiUrl (required: ownerId, plan, region)",
  ],
  [
    "a nested key set flat, without --path",
    { "skyport:app.memory": 1024 },
    "skyport:app.memory: unknown key; to set memory inside skyport:app, use `pulumi config set --path 'skyport:app.memory' <value>` (--path makes it nested) and remove this flat key",
  ],
  [
    "a missing image",
    { "skyport:image": undefined },
    "skyport:image is required; expected the image to deploy, pinned by digest; stack 'test' names none and has never been deployed. Give one with `pulumi config set --stack test skyport:image <registry>/<repository>@sha256:<64 hex>`",
  ],
  [
    "an image by tag",
    { "skyport:image": "ghcr.io/acme/app:1.2.3" },
    'skyport:image: "ghcr.io/acme/app:1.2.3" is not allowed; expected an image reference pinned by digest, like ghcr.io/acme/app@sha256:<64 hex> (tags are mutable and not allowed)',
  ],
  [
    "a short digest",
    { "skyport:image": "ghcr.io/acme/app@sha256:abc123" },
    'skyport:image: "ghcr.io/acme/app@sha256:abc123" is not allowed',
  ],
  [
    "an environment that is no DNS label",
    { "skyport:environment": "Prod Env" },
    'skyport:environment: "Prod Env" is not allowed; expected a lowercase DNS label',
  ],
  [
    "a missing app",
    { "skyport:app": undefined },
    "skyport:app is required; expected an object with keys: name, port, cpu, memory, minInstances, maxInstances, targetCpuPercent, healthCheckPath, readinessPath, domain, public, rollout, env",
  ],
  [
    "a missing app name",
    { "skyport:app": { port: 3000 } },
    "skyport:app.name is required; expected a lowercase DNS label: a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, at most 32 characters",
  ],
  [
    "an uppercase name",
    { "skyport:app": { name: "Shop" } },
    'skyport:app.name: "Shop" is not allowed; expected a lowercase DNS label',
  ],
  [
    "a name of 33 characters",
    { "skyport:app": { name: "a".repeat(33) } },
    `skyport:app.name: "${"a".repeat(33)}" is not allowed; expected a lowercase DNS label`,
  ],
  ["a name starting with a digit", { "skyport:app": { name: "1shop" } }, 'skyport:app.name: "1shop" is not allowed'],
  ["port 0", app({ port: 0 }), "skyport:app.port: 0 is not allowed; expected a whole number from 1 to 65535"],
  [
    "port 70000",
    app({ port: 70000 }),
    "skyport:app.port: 70000 is not allowed; expected a whole number from 1 to 65535",
  ],
  [
    "a fractional port",
    app({ port: 80.5 }),
    "skyport:app.port: 80.5 is not allowed; expected a whole number from 1 to 65535",
  ],
  [
    "a port given as a word",
    app({ port: "http" }),
    'skyport:app.port: "http" is not allowed; expected a whole number from 1 to 65535',
  ],
  ["cpu 0", app({ cpu: 0 }), "skyport:app.cpu: 0 is not allowed; expected a number greater than 0 and at most 64"],
  ["cpu 65", app({ cpu: 65 }), "skyport:app.cpu: 65 is not allowed; expected a number greater than 0 and at most 64"],
  [
    "memory 64",
    app({ memory: 64 }),
    "skyport:app.memory: 64 is not allowed; expected a whole number from 128 to 262144",
  ],
  [
    "negative minInstances",
    app({ minInstances: -1 }),
    "skyport:app.minInstances: -1 is not allowed; expected a whole number from 0 to 1000",
  ],
  [
    "maxInstances below minInstances",
    app({ minInstances: 4, maxInstances: 2 }),
    "skyport:app.maxInstances: 2 is not allowed; expected a number at least minInstances (4)",
  ],
  [
    "targetCpuPercent 99",
    app({ targetCpuPercent: 99 }),
    "skyport:app.targetCpuPercent: 99 is not allowed; expected a whole number from 10 to 95",
  ],
  [
    "a health path without a slash",
    app({ healthCheckPath: "health" }),
    `skyport:app.healthCheckPath: "health" is not allowed; expected a path starting with '/', without spaces, '?' or '#'`,
  ],
  [
    "a readiness path with a query",
    app({ readinessPath: "/ready?x=1" }),
    `skyport:app.readinessPath: "/ready?x=1" is not allowed; expected a path starting with '/'`,
  ],
  [
    "a domain with a scheme",
    app({ domain: "https://shop.example.com" }),
    'skyport:app.domain: "https://shop.example.com" is not allowed; expected a lowercase hostname such as shop.example.com (no scheme, port or path)',
  ],
  ["a bare host as domain", app({ domain: "localhost" }), 'skyport:app.domain: "localhost" is not allowed'],
  [
    "an env name with a dash",
    app({ env: { "LOG-LEVEL": "info" } }),
    `skyport:app.env.LOG-LEVEL: "LOG-LEVEL" is not allowed; expected an environment variable name: letters, digits and '_', not starting with a digit`,
  ],
  [
    "an env var skyport sets",
    app({ env: { PORT: "8080" } }),
    'skyport:app.env.PORT: "PORT" is not allowed; expected a name skyport does not set itself (reserved: PORT, ENVIRONMENT, PLATFORM, SHUTDOWN_GRACE_MS)',
  ],
  [
    "an unquoted boolean env value",
    app({ env: { FEATURE_X: true } }),
    "skyport:app.env.FEATURE_X: true is not allowed; expected a string (quote numbers and booleans in YAML)",
  ],
  [
    "a typo in an app key",
    app({ prot: 3000 }),
    "skyport:app.prot: unknown key; allowed keys: name, port, cpu, memory, minInstances, maxInstances, targetCpuPercent, healthCheckPath, readinessPath, domain, public, rollout, env",
  ],
  [
    "a typo in a top-level key",
    { "skyport:regoin": "eu" },
    "skyport:regoin: unknown key; allowed keys: platform, image, rolloutStep, environment, app, secrets, registryAuth, ecs, kubernetes, cloudrun, render",
  ],
  [
    "a secret with a bad name",
    { "skyport:secrets": { "api token": { secure: "v1:x" } } },
    `skyport:secrets.api token: "api token" is not allowed; expected an environment variable name`,
  ],
  [
    "a secret named like a reserved var",
    { "skyport:secrets": { PLATFORM: { secure: "v1:x" } } },
    'skyport:secrets.PLATFORM: "PLATFORM" is not allowed; expected a name skyport does not set itself',
  ],
  [
    "a secret also set as plain env",
    { ...app({ env: { API_TOKEN: "x" } }), "skyport:secrets": { API_TOKEN: { secure: "v1:x" } } },
    "skyport:secrets.API_TOKEN: [secret] is not allowed; expected a name not also in skyport:app.env (API_TOKEN is in both)",
  ],
  [
    "a typo in the kubernetes block",
    { "skyport:kubernetes": { namespce: "shop" } },
    "skyport:kubernetes.namespce: unknown key; allowed keys: namespace, createNamespace, ingressClass, tlsIssuer, imagePullSecrets, gateway, kubeconfig",
  ],
  [
    "a namespace that is no DNS label",
    { "skyport:kubernetes": { namespace: "Shop_NS" } },
    'skyport:kubernetes.namespace: "Shop_NS" is not allowed; expected a lowercase DNS label',
  ],
  [
    "createNamespace as a string",
    { "skyport:kubernetes": { createNamespace: "yes" } },
    'skyport:kubernetes.createNamespace: "yes" is not allowed; expected true or false',
  ],
  [
    "registry credentials without a password",
    { "skyport:registryAuth": { username: "ci-bot" } },
    "skyport:registryAuth.password is required; expected a non-empty string",
  ],
  [
    "registry credentials that name a server (the image's registry is the one)",
    { "skyport:registryAuth": { server: "ghcr.io", username: "ci-bot", password: "p" } },
    "skyport:registryAuth.server: unknown key; allowed keys: username, password",
  ],
  [
    "minInstances 0 on kubernetes",
    app({ minInstances: 0 }),
    "skyport:app.minInstances: 0 is not allowed; expected at least 1 on kubernetes (a HorizontalPodAutoscaler cannot scale to zero)",
  ],
  [
    "cpu finer than a millicore on kubernetes",
    app({ cpu: 0.0005 }),
    "skyport:app.cpu: 0.0005 is not allowed; expected a whole number of millicores on kubernetes (a multiple of 0.001)",
  ],
];

describe("stack config validation", () => {
  for (const [what, overrides, expected] of REJECTED) {
    it(`rejects ${what}, naming the key, the value and what is allowed`, async () => {
      const config = Object.fromEntries(
        Object.entries(kubernetesStack(overrides)).filter(([, value]) => value !== undefined),
      );
      const rejection = await rejectionOf(config);
      assert.ok(
        rejection.lines.some((line) => line.startsWith(expected)),
        `expected a line starting with:\n  ${expected}\ngot:\n  ${rejection.lines.join("\n  ")}`,
      );
    });
  }

  it("registers nothing but the stack when the config is bad", async () => {
    const rejection = await rejectionOf(kubernetesStack(app({ port: 0 })));
    assert.deepEqual(rejection.registeredTypes, ["pulumi:pulumi:Stack"]);
  });

  it("reports every problem at once, under one heading naming the stack", async () => {
    const rejection = await rejectionOf(
      kubernetesStack({ "skyport:image": "app:latest", "skyport:app": { name: "X", port: -1 } }),
    );
    assert.equal(rejection.lines.length, 3);
    assert.match(rejection.message, /^Invalid skyport config for stack 'test':\n {2}- /);
  });

  it("never shows a secret value in an error", async () => {
    const rejection = await rejectionOf(
      kubernetesStack({
        "skyport:secrets": { API_TOKEN: 12345 },
        "skyport:kubernetes": { kubeconfig: ["apiVersion: v1", "token: hunter2"] },
      }),
      ["skyport:secrets", "skyport:kubernetes"],
    );
    assert.ok(
      rejection.lines.includes("skyport:secrets.API_TOKEN: [secret] is not allowed; expected a non-empty string"),
    );
    assert.ok(
      rejection.lines.includes("skyport:kubernetes.kubeconfig: [secret] is not allowed; expected a non-empty string"),
    );
    assert.doesNotMatch(rejection.message, /12345|hunter2/);
  });

  it("accepts the minimal config and fills in the documented defaults", async () => {
    const run = await runStack(kubernetesStack(), { stack: "qa" });
    const deployment = run.registrations.find((r) => r.type === "kubernetes:apps/v1:Deployment");
    const container = (deployment?.inputs as any).spec.template.spec.containers[0];
    assert.equal(container.image, TEST_IMAGE);
    assert.deepEqual(container.resources.limits, { cpu: "1000m", memory: "2048Mi" });
    assert.equal(container.ports[0].containerPort, 3000);
    assert.equal(container.livenessProbe.httpGet.path, "/health");
    assert.equal(container.readinessProbe.httpGet.path, "/ready");
    assert.deepEqual(
      container.env.find((e: { name: string }) => e.name === "ENVIRONMENT"),
      { name: "ENVIRONMENT", value: "qa" },
      "the environment defaults to the stack name",
    );
    const hpa = run.registrations.find((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
    assert.deepEqual(
      [
        (hpa?.inputs as any).spec.minReplicas,
        (hpa?.inputs as any).spec.maxReplicas,
        (hpa?.inputs as any).spec.metrics[0].resource.target.averageUtilization,
      ],
      [1, 3, 70],
    );
  });

  it("reads a fraction stored as text, as `pulumi config set --path skyport:app.cpu 0.5` stores it", async () => {
    const run = await runStack(kubernetesStack(app({ cpu: "0.5", memory: "512" })));
    const deployment = run.registrations.find((r) => r.type === "kubernetes:apps/v1:Deployment");
    const container = (deployment?.inputs as any).spec.template.spec.containers[0];
    assert.deepEqual(container.resources.limits, { cpu: "500m", memory: "512Mi" });
  });

  it("raises the default maxInstances to minInstances", async () => {
    const run = await runStack(kubernetesStack(app({ minInstances: 5 })));
    const hpa = run.registrations.find((r) => r.type === "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
    assert.equal((hpa?.inputs as any).spec.maxReplicas, 5);
  });

  it("ignores the settings blocks of other platforms, so switching is one line", async () => {
    const run = await runStack(kubernetesStack({ "skyport:ecs": { anything: "kept for later" } }));
    assert.equal(run.outputs.platform, "kubernetes");
  });

  it("refuses an ECS stack with no aws:region and a Cloud Run stack with no gcp:project, as their providers would", async () => {
    const saved = [
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "GOOGLE_PROJECT",
      "GOOGLE_CLOUD_PROJECT",
      "GCLOUD_PROJECT",
      "CLOUDSDK_CORE_PROJECT",
    ].map((name) => [name, process.env[name]] as const);
    for (const [name] of saved) delete process.env[name];
    try {
      const ecs = await rejectionOf({
        "skyport:platform": "ecs",
        "skyport:image": TEST_IMAGE,
        "skyport:app": { name: "shop-api" },
      });
      assert.deepEqual(ecs.lines, [
        "aws:region is required; expected the provider's region: `pulumi config set aws:region eu-west-1` (or AWS_REGION or AWS_DEFAULT_REGION in the environment)",
      ]);
      const cloudrun = await rejectionOf({
        "skyport:platform": "cloudrun",
        "skyport:image": TEST_IMAGE,
        "skyport:app": { name: "shop-api" },
        "skyport:cloudrun": { region: "europe-west1" },
      });
      assert.match(
        cloudrun.lines[0],
        /^gcp:project is required; expected the provider's project: `pulumi config set gcp:project acme-shop`/,
      );
      process.env.AWS_REGION = "eu-central-1";
      const fromEnvironment = await runStack({
        "skyport:platform": "ecs",
        "skyport:image": TEST_IMAGE,
        "skyport:app": { name: "shop-api" },
      });
      assert.equal(fromEnvironment.outputs.platform, "ecs");
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  describe("the image, when the stack names none", () => {
    const DEPLOYED = `ghcr.io/acme/skyport-app@sha256:${"cd34".repeat(16)}`;
    const withoutImage = () => {
      const { "skyport:image": _named, ...rest } = kubernetesStack();
      return rest;
    };

    it("keeps the image the stack's last deployment ran, read back from its own output", async () => {
      const run = await runStack(withoutImage(), {
        deployedStacks: { "organization/skyport/test": { image: DEPLOYED } },
      });
      const deployment = run.registrations.find((r) => r.type === "kubernetes:apps/v1:Deployment");
      assert.equal((deployment?.inputs as any).spec.template.spec.containers[0].image, DEPLOYED);
      assert.equal(run.outputs.image, DEPLOYED);
    });

    it("takes the image a deploy names over the deployed one", async () => {
      const run = await runStack(kubernetesStack(), {
        deployedStacks: { "organization/skyport/test": { image: DEPLOYED } },
      });
      assert.equal(run.outputs.image, TEST_IMAGE);
    });

    it("refuses a stack never deployed, saying how to give an image, and creates nothing", async () => {
      const rejection = await rejectionOf(withoutImage());
      assert.deepEqual(rejection.lines, [
        "skyport:image is required; expected the image to deploy, pinned by digest; stack 'test' names none and has never been deployed. " +
          "Give one with `pulumi config set --stack test skyport:image <registry>/<repository>@sha256:<64 hex>`, or let the pipeline deploy the image it builds",
      ]);
      assert.deepEqual(rejection.registeredTypes, ["pulumi:pulumi:Stack"]);
    });
  });
});
