import assert from "node:assert/strict";
import { cloudRunContainer } from "../../conformance/adapters/cloudrun";
import { assertRejected } from "../../support/configProblems";
import { all, only, runStack, TEST_IMAGE, type TestRun } from "../../support/runStack";
import { MOCK_GCP } from "../../conformance/adapters/cloudrunMocks";

const SERVICE = "gcp:cloudrunv2/service:Service";
const inputs = (run: TestRun, type: string, name?: string): any => only(run, type, name).inputs;
const DIGEST = TEST_IMAGE.split("@")[1];

function cloudRunStack(
  app: Record<string, unknown> = {},
  cloudrun: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    "gcp:project": "acme-prod",
    "skyport:platform": "cloudrun",
    "skyport:image": TEST_IMAGE,
    "skyport:environment": "staging",
    "skyport:app": { name: "shop-api", ...app },
    "skyport:cloudrun": { region: "europe-west1", ...cloudrun },
    ...extra,
  };
}

describe("cloudrun platform", () => {
  describe("a public service pulled from GHCR, with secrets", () => {
    let run: TestRun;
    before(async () => {
      run = await runStack(
        cloudRunStack(
          { minInstances: 0, maxInstances: 4, env: { LOG_LEVEL: "warn" } },
          {},
          { "skyport:secrets": { API_TOKEN: "tok-gcp-1" } },
        ),
        { secretKeys: ["skyport:secrets"] },
      );
    });

    it("is one skyport:platform:CloudRun component that owns every resource and registers its outputs", () => {
      const component = only(run, "skyport:platform:CloudRun");
      for (const child of run.registrations.filter((r) => r.type.startsWith("gcp:"))) {
        assert.equal(child.parent, component.urn, child.type);
      }
      assert.equal(component.outputs?.url, "https://shop-api-staging-abc123-ew.a.run.app");
      assert.equal(run.outputs.url, component.outputs?.url);
    });

    it("enables the APIs it needs, and leaves them on when destroyed", () => {
      const apis = all(run, "gcp:projects/service:Service").map((r) => r.inputs as any);
      assert.deepEqual(apis.map((api) => api.service).sort(), [
        "artifactregistry.googleapis.com",
        "iam.googleapis.com",
        "run.googleapis.com",
        "secretmanager.googleapis.com",
      ]);
      assert.ok(apis.every((api) => api.disableOnDestroy === false));
    });

    it("runs as a dedicated service account that gets nothing but its own secrets", () => {
      const account = inputs(run, "gcp:serviceaccount/account:Account");
      assert.equal(account.accountId, "shop-api-staging");
      const email = `shop-api-staging@${MOCK_GCP.project}.iam.gserviceaccount.com`;
      assert.equal(inputs(run, SERVICE).template.serviceAccount, email);
      const grants = run.registrations.filter((r) => /IamMember|IamBinding|IAMMember|IAMBinding/.test(r.type));
      assert.deepEqual(
        grants.map((g) => [g.type, (g.inputs as any).role, (g.inputs as any).member]),
        [
          [
            "gcp:secretmanager/secretIamMember:SecretIamMember",
            "roles/secretmanager.secretAccessor",
            `serviceAccount:${email}`,
          ],
          ["gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "roles/run.invoker", "allUsers"],
        ],
      );
    });

    it("keeps each secret in Secret Manager with one version, read by reference", () => {
      const secret = inputs(run, "gcp:secretmanager/secret:Secret");
      assert.deepEqual(secret, { secretId: "shop-api-staging-API_TOKEN", replication: { auto: {} } });
      const versions = all(run, "gcp:secretmanager/secretVersion:SecretVersion");
      assert.equal(versions.length, 1);
      assert.equal((versions[0].inputs as any).secretData, "[secret]");
      assert.equal((run.providerInputsOf(versions[0]) as any).secretData, "tok-gcp-1");
      const env = cloudRunContainer(run).envs.find((e: any) => e.name === "API_TOKEN");
      assert.deepEqual(env, {
        name: "API_TOKEN",
        valueSource: { secretKeyRef: { secret: "shop-api-staging-API_TOKEN", version: "1" } },
      });
      assert.ok(!JSON.stringify(run.registrations.map((r) => r.inputs)).includes("tok-gcp-1"));
    });

    it("pulls a GHCR image through a managed Artifact Registry remote repository, by the same digest", () => {
      const repository = inputs(run, "gcp:artifactregistry/repository:Repository");
      assert.deepEqual(
        [repository.location, repository.repositoryId, repository.format, repository.mode],
        ["europe-west1", "shop-api-staging-ghcr-io", "DOCKER", "REMOTE_REPOSITORY"],
      );
      assert.deepEqual(repository.remoteRepositoryConfig.dockerRepository, {
        customRepository: { uri: "https://ghcr.io" },
      });
      assert.equal(repository.remoteRepositoryConfig.upstreamCredentials, undefined);
      assert.equal(
        cloudRunContainer(run).image,
        `europe-west1-docker.pkg.dev/${MOCK_GCP.project}/shop-api-staging-ghcr-io/acme/skyport-app@${DIGEST}`,
      );
    });

    it("sets the port, env (but not PORT, which Cloud Run sets), limits, probes and scaling", () => {
      const service = inputs(run, SERVICE);
      const container = cloudRunContainer(run);
      assert.deepEqual(container.ports, { containerPort: 3000 });
      const names = container.envs.map((e: any) => e.name);
      assert.ok(!names.includes("PORT"));
      assert.deepEqual(container.envs.slice(0, 4), [
        { name: "ENVIRONMENT", value: "staging" },
        { name: "PLATFORM", value: "cloudrun" },
        { name: "SHUTDOWN_GRACE_MS", value: "10000" },
        { name: "LOG_LEVEL", value: "warn" },
      ]);
      assert.deepEqual(container.resources, {
        limits: { cpu: "1", memory: "2048Mi" },
        cpuIdle: false,
        startupCpuBoost: true,
      });
      assert.deepEqual(container.startupProbe.httpGet, { path: "/health", port: 3000 });
      assert.deepEqual(container.livenessProbe.httpGet, { path: "/health", port: 3000 });
      assert.deepEqual(service.template.scaling, { minInstanceCount: 0, maxInstanceCount: 4 });
      assert.equal(service.template.maxInstanceRequestConcurrency, 80);
      assert.equal(service.template.timeout, "300s");
      assert.equal(service.ingress, "INGRESS_TRAFFIC_ALL");
      assert.deepEqual(service.labels, {
        "managed-by": "skyport",
        app: "shop-api",
        environment: "staging",
        "skyport-public": "true",
      });
      assert.deepEqual(service.traffics, [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }]);
    });

    it("grants roles/run.invoker to allUsers because the stack is public (the default)", () => {
      const invoker = inputs(run, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember");
      assert.deepEqual(
        [invoker.role, invoker.member, invoker.location],
        ["roles/run.invoker", "allUsers", "europe-west1"],
      );
    });
  });

  it("grants no public invoker to a private app, and sets ingress, concurrency, timeout and labels", async () => {
    const run = await runStack(
      cloudRunStack(
        { public: false },
        { ingress: "internal", concurrency: 20, requestTimeoutSeconds: 60, labels: { team: "shop" } },
      ),
    );
    assert.equal(all(run, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").length, 0);
    const service = inputs(run, SERVICE);
    assert.equal(service.ingress, "INGRESS_TRAFFIC_INTERNAL_ONLY");
    assert.equal(service.template.maxInstanceRequestConcurrency, 20);
    assert.equal(service.template.timeout, "60s");
    assert.equal(service.labels.team, "shop");
    assert.equal(service.labels["skyport-public"], "false");
  });

  for (const image of [
    `europe-west1-docker.pkg.dev/acme-prod/apps/skyport-app@${DIGEST}`,
    `docker.io/acme/skyport-app@${DIGEST}`,
  ]) {
    it(`uses ${image.split("/")[0]} images as they are, with no remote repository`, async () => {
      const run = await runStack(cloudRunStack({}, {}, { "skyport:image": image }));
      assert.equal(cloudRunContainer(run).image, image);
      assert.equal(all(run, "gcp:artifactregistry/repository:Repository").length, 0);
      assert.ok(
        !all(run, "gcp:projects/service:Service").some((api) =>
          (api.inputs as any).service.startsWith("artifactregistry"),
        ),
      );
    });
  }

  it("reads a private upstream registry's password from Secret Manager", async () => {
    const run = await runStack(
      cloudRunStack({}, {}, { "skyport:registryAuth": { username: "ci-bot", password: "ghp-gcp-2" } }),
      { secretKeys: ["skyport:registryAuth"] },
    );
    assert.equal(
      inputs(run, "gcp:secretmanager/secret:Secret", "shop-api-registry-password").secretId,
      "shop-api-staging-registry-password",
    );
    const credentials = inputs(run, "gcp:artifactregistry/repository:Repository").remoteRepositoryConfig
      .upstreamCredentials;
    assert.deepEqual(credentials, {
      usernamePasswordCredentials: {
        username: "ci-bot",
        passwordSecretVersion: "shop-api-registry-password-id/versions/1",
      },
    });
    const reader = inputs(
      run,
      "gcp:secretmanager/secretIamMember:SecretIamMember",
      "shop-api-registry-password-reader",
    );
    assert.equal(
      reader.member,
      `serviceAccount:service-${MOCK_GCP.number}@gcp-sa-artifactregistry.iam.gserviceaccount.com`,
    );
    assert.ok(!JSON.stringify(run.registrations.map((r) => r.inputs)).includes("ghp-gcp-2"));
  });

  it("below one vCPU, bills per request with concurrency 1", async () => {
    const run = await runStack(cloudRunStack({ cpu: 0.5, memory: 512 }));
    const container = cloudRunContainer(run);
    assert.deepEqual(container.resources.limits, { cpu: "500m", memory: "512Mi" });
    assert.equal(container.resources.cpuIdle, true);
    assert.equal(inputs(run, SERVICE).template.maxInstanceRequestConcurrency, 1);
  });

  it("maps a custom domain and reports it as the URL", async () => {
    const run = await runStack(cloudRunStack({ domain: "shop.example.com" }));
    const mapping = inputs(run, "gcp:cloudrun/domainMapping:DomainMapping");
    assert.deepEqual(
      [mapping.name, mapping.location, mapping.spec.routeName, mapping.metadata.namespace],
      ["shop.example.com", "europe-west1", "shop-api-staging", MOCK_GCP.project],
    );
    assert.equal(run.outputs.url, "https://shop.example.com");
  });

  it("enables no API when told not to", async () => {
    const run = await runStack(cloudRunStack({}, { enableApis: false }));
    assert.equal(all(run, "gcp:projects/service:Service").length, 0);
  });

  describe("config checks", () => {
    for (const [cpu, memory] of [
      [0.08, 128],
      [0.5, 512],
      [0.5, 1024],
      [1, 4096],
      [4, 2048],
      [2, 8192],
      [4, 16384],
      [6, 24576],
      [8, 32768],
    ]) {
      it(`accepts ${cpu} vCPU with ${memory} MiB`, async () => {
        const run = await runStack(cloudRunStack({ cpu, memory }));
        assert.equal(cloudRunContainer(run).resources.limits.memory, `${memory}Mi`);
      });
    }

    const MEMORY_RULE =
      "from 0.08 vCPU allows 128 to 512 MiB, from 0.5 vCPU allows 128 to 1024 MiB, 1 vCPU allows 128 to 4096 MiB, 2 vCPU allows 128 to 8192 MiB, 4 vCPU allows 2048 to 16384 MiB, 6 vCPU allows 4096 to 24576 MiB, 8 vCPU allows 4096 to 32768 MiB";
    const REJECTED: Array<[string, Record<string, unknown>, string]> = [
      [
        "a cpu Cloud Run has no size for",
        cloudRunStack({ cpu: 3 }),
        "skyport:app.cpu: 3 is not allowed; expected a Cloud Run cpu: 1, 2, 4, 6, 8, or a fraction from 0.08 to below 1",
      ],
      [
        "a cpu below 0.08",
        cloudRunStack({ cpu: 0.05, memory: 256 }),
        "skyport:app.cpu: 0.05 is not allowed; expected a Cloud Run cpu",
      ],
      [
        "more than 512 MiB below 0.5 vCPU",
        cloudRunStack({ cpu: 0.25, memory: 1024 }),
        `skyport:app.memory: 1024 is not allowed; expected 128 to 512 MiB with 0.25 vCPU on Cloud Run (rule: ${MEMORY_RULE})`,
      ],
      [
        "more than 1 GiB below one vCPU",
        cloudRunStack({ cpu: 0.5, memory: 2048 }),
        "skyport:app.memory: 2048 is not allowed; expected 128 to 1024 MiB with 0.5 vCPU on Cloud Run",
      ],
      [
        "4 vCPU with 1 GiB (the API: setting 4 CPU requires at least 2Gi of memory)",
        cloudRunStack({ cpu: 4, memory: 1024 }),
        "skyport:app.memory: 1024 is not allowed; expected 2048 to 16384 MiB with 4 vCPU on Cloud Run",
      ],
      [
        "8 vCPU with 2 GiB",
        cloudRunStack({ cpu: 8, memory: 2048 }),
        "skyport:app.memory: 2048 is not allowed; expected 4096 to 32768 MiB with 8 vCPU on Cloud Run",
      ],
      [
        "an env var Cloud Run sets itself",
        cloudRunStack({ env: { K_SERVICE: "mine" } }),
        'skyport:app.env.K_SERVICE: "K_SERVICE" is not allowed; expected a name Cloud Run does not set itself (it sets K_SERVICE, K_REVISION, K_CONFIGURATION in every container)',
      ],
      [
        "concurrency above 1 below one vCPU",
        cloudRunStack({ cpu: 0.5, memory: 512 }, { concurrency: 10 }),
        "skyport:cloudrun.concurrency: 10 is not allowed; expected 1 with less than 1 vCPU on Cloud Run (rule: fractional cpu serves one request at a time, billed per request)",
      ],
      [
        "8 GiB with 1 vCPU",
        cloudRunStack({ cpu: 1, memory: 8192 }),
        `skyport:app.memory: 8192 is not allowed; expected 128 to 4096 MiB with 1 vCPU on Cloud Run (rule: ${MEMORY_RULE})`,
      ],
      [
        "16 GiB with 2 vCPU",
        cloudRunStack({ cpu: 2, memory: 16384 }),
        "skyport:app.memory: 16384 is not allowed; expected 128 to 8192 MiB with 2 vCPU on Cloud Run",
      ],
      [
        "more than 32 GiB",
        cloudRunStack({ cpu: 8, memory: 65536 }),
        "skyport:app.memory: 65536 is not allowed; expected 128 to 32768 MiB on Cloud Run",
      ],
      [
        "a missing region",
        { ...cloudRunStack(), "skyport:cloudrun": {} },
        "skyport:cloudrun.region is required; expected a Cloud Run region such as europe-west1",
      ],
      [
        "a malformed region",
        cloudRunStack({}, { region: "Europe West" }),
        'skyport:cloudrun.region: "Europe West" is not allowed; expected a Cloud Run region such as europe-west1',
      ],
      [
        "an unknown ingress",
        cloudRunStack({}, { ingress: "everyone" }),
        'skyport:cloudrun.ingress: "everyone" is not allowed; expected one of all, internal, internal-and-load-balancer',
      ],
      [
        "a label key with capitals",
        cloudRunStack({}, { labels: { Team: "shop" } }),
        'skyport:cloudrun.labels.Team: "Team" is not allowed; expected a label key',
      ],
      [
        "a typo in the cloudrun block",
        cloudRunStack({}, { regoin: "x" }),
        "skyport:cloudrun.regoin: unknown key; allowed keys: region, ingress",
      ],
    ];
    for (const [what, config, expected] of REJECTED) {
      it(`rejects ${what}`, async () => {
        await assertRejected(config, expected);
      });
    }
  });
});
