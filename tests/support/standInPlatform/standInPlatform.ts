import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../../../components/contract/platform";
import { APP_UID, containerEnv, exposureLabel, publicUrl } from "../../../components/contract/workload";
import { STAND_IN_SERVICE } from "./policyView";
import type { StandInSettings } from "./settings";

/** A resource of the stand-in's (imaginary) provider; in tests, the mocks answer for it. */
class StandInResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

/** The app on the stand-in platform: a secret store, and one service that reads it. */
export class StandInPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or the service's own address. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: PlatformArgs<StandInSettings>, opts?: pulumi.ComponentResourceOptions) {
    super("skyport:platform:StandIn", name, {}, opts);
    const { spec, settings } = args;
    new StandInResource(
      "standin:index:SecretStore",
      `${name}-secrets`,
      { values: pulumi.secret(pulumi.all(spec.secretEnv)), ...(settings.apiToken ? { token: settings.apiToken } : {}) },
      { parent: this },
    );
    new StandInResource(
      STAND_IN_SERVICE,
      `${name}-service`,
      {
        image: spec.image.ref,
        port: spec.port,
        env: containerEnv(spec, "standin"),
        secretRefs: Object.keys(spec.secretEnv),
        cpu: spec.cpu,
        memoryMiB: spec.memoryMiB,
        minInstances: spec.scaling.min,
        maxInstances: spec.scaling.max,
        targetCpuPercent: spec.scaling.targetCpuPercent,
        livenessPath: spec.healthCheckPath,
        readinessPath: spec.readinessPath,
        rollout: spec.rollout,
        user: APP_UID,
        region: settings.region,
        public: spec.public,
        labels: exposureLabel(spec),
        ...(spec.domain ? { domain: spec.domain, tls: true } : {}),
        logDays: 30,
        firewall: spec.public ? [443] : [],
      },
      { parent: this },
    );
    this.url = publicUrl(spec, () => `https://${spec.name}.${settings.region}.standin.test`);
    this.registerOutputs({ url: this.url });
  }
}
