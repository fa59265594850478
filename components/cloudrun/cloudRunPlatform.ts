import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../contract/platform";
import { containerEnv, exposureLabel, PROBE_TIMING, publicUrl } from "../contract/workload";
import { readOwnOutput } from "../config/deployedImage";
import { enableApis } from "./apis";
import { pullsDirectly, serviceImage } from "./image";
import { cloudRunCpu } from "./limits";
import { storeSecrets } from "./secrets";
import { cloudRunNames } from "./names";
import { type CloudRunSettings, effectiveConcurrency, INGRESS } from "./settings";
import { candidateUri, trafficTargets } from "./traffic";

/** The stack reference through which a step reads the stable revision of the last whole deploy. */
const STABLE_REVISION_REFERENCE = "stable-revision";

/**
 * The app as a Cloud Run (v2) service: the APIs it needs, a dedicated service account with
 * nothing but access to its own secrets, Secret Manager secrets, an Artifact Registry remote
 * repository for images Cloud Run cannot pull directly, probes on the health path, public
 * access only when asked for, and an optional domain mapping. A canary or blue/green step
 * tags the new revision `candidate` and splits traffic with the stable revision (traffic.ts).
 */
export class CloudRunPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or the service's run.app URL. */
  readonly url: pulumi.Output<string>;
  /** The candidate revision's tag URL during a canary or blue/green step, from the service's traffic statuses. */
  readonly candidateUrl?: pulumi.Output<string>;
  /** The revision that keeps the rest of the traffic: the latest ready one after a whole deploy. */
  readonly stableRevision: pulumi.Output<string>;

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
    // At a step, the stable release is the revision the last whole deploy recorded.
    const { step } = spec.rollout;
    const stable = step
      ? pulumi.output(readOwnOutput(STABLE_REVISION_REFERENCE, "stableRevision", { parent: this }))
      : undefined;
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
        traffics: stable
          ? stable.apply((revision) => trafficTargets(step, revision))
          : trafficTargets(undefined, undefined),
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
    if (step) this.candidateUrl = service.trafficStatuses.apply(candidateUri);
    // During a walk the stable revision stays the one the last whole deploy recorded.
    this.stableRevision = stable ? stable.apply((revision) => revision ?? "") : service.latestReadyRevision;
    this.registerOutputs({ url: this.url, candidateUrl: this.candidateUrl, stableRevision: this.stableRevision });
  }
}
