import * as pulumi from "@pulumi/pulumi";
import type { PlatformArgs, PlatformComponent } from "../contract/platform";
import { containerEnv, KILL_AFTER_SECONDS, publicUrl } from "../contract/workload";
import type { RenderRegistry } from "./api/types";
import { renderServiceName } from "./derivedNames";
import { RenderService } from "./renderService";
import { registryForHost, type RenderSettings } from "./settings";

/**
 * The app as a Render web service running the image by digest: plan and region, a fixed
 * instance count or CPU autoscaling, the health path, env and secret env, a registry
 * credential for private images and a custom domain.
 */
export class RenderPlatform extends pulumi.ComponentResource implements PlatformComponent {
  /** `https://<domain>`, or the service's onrender.com URL. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: PlatformArgs<RenderSettings>, opts?: pulumi.ComponentResourceOptions) {
    super("skyport:platform:Render", name, {}, opts);
    const { spec, settings } = args;
    const autoscales = spec.scaling.max > spec.scaling.min;
    const auth = spec.registryAuth;
    const service = new RenderService(
      `${name}-service`,
      {
        connection: {
          ...(settings.apiUrl ? { baseUrl: settings.apiUrl } : {}),
          deployTimeoutSeconds: settings.deployTimeoutSeconds,
          rateLimitWaitSeconds: settings.rateLimitWaitSeconds,
          deployPollSeconds: settings.deployPollSeconds,
        },
        ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
        ownerId: settings.ownerId,
        name: renderServiceName(spec),
        plan: settings.plan,
        region: settings.region,
        image: spec.image.ref,
        healthCheckPath: spec.healthCheckPath,
        maxShutdownDelaySeconds: KILL_AFTER_SECONDS,
        numInstances: spec.scaling.min,
        ...(autoscales
          ? { autoscaling: { min: spec.scaling.min, max: spec.scaling.max, cpuPercent: spec.scaling.targetCpuPercent } }
          : {}),
        envVars: containerEnv(spec, "render"),
        secretEnvVars: pulumi.secret(pulumi.all(spec.secretEnv)),
        ...(auth
          ? {
              registry: pulumi.secret({
                registry: registryForHost(spec.image.registry) as RenderRegistry,
                username: auth.username,
                authToken: auth.password,
              }),
            }
          : {}),
        ...(spec.domain ? { customDomain: spec.domain } : {}),
      },
      { parent: this },
    );
    this.url = publicUrl(spec, () => service.url);
    this.registerOutputs({ url: this.url });
  }
}
