import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../contract/platform";
import { containerEnv, exposureLabel, PROBE_TIMING, publicUrl } from "../contract/workload";
import { enableApis } from "./apis";
import { pullsDirectly, serviceImage } from "./image";
import { cloudRunCpu } from "./limits";
import { storeSecrets } from "./secrets";
import { cloudRunNames } from "./names";
import { type CloudRunSettings, effectiveConcurrency, INGRESS } from "./settings";

/**
 * The app as a Cloud Run (v2) service: the APIs it needs, a dedicated service account with
 * nothing but access to its own secrets, Secret Manager secrets, an Artifact Registry remote
 * repository for images Cloud Run cannot pull directly, probes on the health path, public
 * access only when asked for, and an optional domain mapping.
 */
export class CloudRunPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or the service's run.app URL. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: PlatformArgs<CloudRunSettings>, opts?: pulumi.ComponentResourceOptions) {
    super("skyport:platform:CloudRun", name, {}, opts);
    const { spec, settings } = args;
    const secretNames = Object.keys(spec.secretEnv);
    const remote = !pullsDirectly(spec.image.registry);
    const apis = settings.enableApis
      ? enableApis(
          name,
          [
            "run.googleapis.com",
            "iam.googleapis.com",
            ...(secretNames.length > 0 || spec.registryAuth ? ["secretmanager.googleapis.com"] : []),
            ...(remote ? ["artifactregistry.googleapis.com"] : []),
          ],
          this,
        )
      : [];

    const account = new gcp.serviceaccount.Account(
      `${name}-sa`,
      {
        accountId: cloudRunNames.serviceAccountId(spec),
        displayName: cloudRunNames.serviceAccountDisplayName(spec),
      },
      { parent: this, dependsOn: apis },
    );
    const secrets = storeSecrets(name, spec, account.email, this, apis);
    const image = serviceImage(name, spec, settings, this, apis);

    const probe = { httpGet: { path: spec.healthCheckPath, port: spec.port } };
    // Cloud Run sets PORT from containerPort itself and refuses it as an env var.
    const env = Object.entries(containerEnv(spec, "cloudrun")).filter(([envName]) => envName !== "PORT");
    const labels = {
      "managed-by": "skyport",
      app: spec.name,
      environment: spec.environment,
      ...exposureLabel(spec),
      ...settings.labels,
    };
    const service = new gcp.cloudrunv2.Service(
      `${name}-service`,
      {
        name: cloudRunNames.service(spec),
        location: settings.region,
        ingress: INGRESS[settings.ingress],
        labels,
        deletionProtection: false,
        template: {
          serviceAccount: account.email,
          labels,
          scaling: { minInstanceCount: spec.scaling.min, maxInstanceCount: spec.scaling.max },
          maxInstanceRequestConcurrency: effectiveConcurrency(spec.cpu, settings),
          timeout: `${settings.requestTimeoutSeconds}s`,
          containers: [
            {
              image,
              ports: { containerPort: spec.port },
              envs: [...env.map(([envName, value]) => ({ name: envName, value })), ...secrets.envs],
              resources: {
                limits: { cpu: cloudRunCpu(spec.cpu), memory: `${spec.memoryMiB}Mi` },
                cpuIdle: spec.cpu < 1,
                startupCpuBoost: true,
              },
              startupProbe: { ...probe, ...PROBE_TIMING.startup },
              livenessProbe: { ...probe, ...PROBE_TIMING.liveness },
            },
          ],
        },
        traffics: [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 100 }],
      },
      { parent: this, dependsOn: [...apis, ...secrets.grants] },
    );

    if (spec.public) {
      new gcp.cloudrunv2.ServiceIamMember(
        `${name}-public`,
        { name: service.name, location: service.location, role: "roles/run.invoker", member: "allUsers" },
        { parent: this },
      );
    }

    if (spec.domain) {
      new gcp.cloudrun.DomainMapping(
        `${name}-domain`,
        {
          name: spec.domain,
          location: settings.region,
          metadata: { namespace: service.project },
          spec: { routeName: service.name },
        },
        { parent: this },
      );
    }
    this.url = publicUrl(spec, () => service.uri);
    this.registerOutputs({ url: this.url });
  }
}
