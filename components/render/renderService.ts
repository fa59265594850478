import * as pulumi from "@pulumi/pulumi";
import { RENDER_SERVICE_TYPE, type RenderServiceInputs } from "./serviceState";

/** RenderService's inputs, each of which may be an Output. */
export type RenderServiceArgs = { [K in keyof RenderServiceInputs]: pulumi.Input<RenderServiceInputs[K]> };

/**
 * The type a RenderService had while a dynamic provider managed it. The alias lets the engine
 * find a service deployed then under this type's URN: it moves to the plugin without being
 * replaced.
 */
const DYNAMIC_PROVIDER_TYPE = "pulumi-nodejs:dynamic/render:Service";

/**
 * A Render web service that runs one image by digest; managed through Render's API by the
 * skyport-render provider plugin, which runs the provider code of the checked-out commit.
 */
export class RenderService extends pulumi.CustomResource {
  /** Render's id for the service. */
  declare readonly serviceId: pulumi.Output<string>;
  /** The service's onrender.com URL. */
  declare readonly url: pulumi.Output<string>;
  /** The last deploy, and its status (live after every successful update). */
  declare readonly deployId: pulumi.Output<string>;
  declare readonly deployStatus: pulumi.Output<string>;

  constructor(name: string, args: RenderServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      RENDER_SERVICE_TYPE,
      name,
      {
        ...args,
        serviceId: undefined,
        url: undefined,
        registryCredentialId: undefined,
        deployId: undefined,
        deployStatus: undefined,
      },
      {
        ...opts,
        aliases: [...(opts?.aliases ?? []), { type: DYNAMIC_PROVIDER_TYPE }],
        additionalSecretOutputs: ["apiKey", "secretEnvVars", "registry"],
      },
    );
  }
}
