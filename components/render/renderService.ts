import * as pulumi from "@pulumi/pulumi";
import { renderServiceProvider } from "./renderServiceProvider";
import type { RenderServiceInputs } from "./serviceState";

/** RenderService's inputs, each of which may be an Output. */
export type RenderServiceArgs = { [K in keyof RenderServiceInputs]: pulumi.Input<RenderServiceInputs[K]> };

/** A Render web service that runs one image by digest; managed through Render's API by a dynamic provider. */
export class RenderService extends pulumi.dynamic.Resource {
  /** Render's id for the service. */
  declare readonly serviceId: pulumi.Output<string>;
  /** The service's onrender.com URL. */
  declare readonly url: pulumi.Output<string>;
  /** The last deploy, and its status (live after every successful update). */
  declare readonly deployId: pulumi.Output<string>;
  declare readonly deployStatus: pulumi.Output<string>;

  constructor(name: string, args: RenderServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      renderServiceProvider,
      name,
      {
        ...args,
        serviceId: undefined,
        url: undefined,
        registryCredentialId: undefined,
        deployId: undefined,
        deployStatus: undefined,
      },
      { ...opts, additionalSecretOutputs: ["apiKey", "secretEnvVars", "registry"] },
      "render",
      "Service",
    );
  }
}
