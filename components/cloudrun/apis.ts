import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";

/** Enables each Google API the service needs; leaves them on when the stack is destroyed. */
export function enableApis(name: string, apis: string[], parent: pulumi.Resource): pulumi.Resource[] {
  return apis.map(
    (api) =>
      new gcp.projects.Service(
        `${name}-api-${api.split(".")[0]}`,
        { service: api, disableOnDestroy: false, disableDependentServices: false },
        { parent },
      ),
  );
}
