import type { RenderClient } from "./api/renderClient";
import type { RenderDeployStatus } from "./api/types";

/** Deploy statuses that will never become live. */
export const FAILED_DEPLOY_STATUSES: readonly RenderDeployStatus[] = [
  "build_failed",
  "update_failed",
  "canceled",
  "pre_deploy_failed",
  "deactivated",
];

/** Thrown when a deploy ends anywhere but live, or does not get there in time. */
export class RenderDeployError extends Error {
  override name = "RenderDeployError";
  constructor(
    readonly deployId: string,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

/** Deploys the image by digest and waits, bounded, until the deploy is live. */
export async function deployAndWait(
  client: RenderClient,
  serviceId: string,
  image: string,
  timeoutSeconds: number,
  pollSeconds: number,
): Promise<{ deployId: string; status: string }> {
  const deploy = await client.triggerDeploy(serviceId, image);
  const deadline = Date.now() + timeoutSeconds * 1000;
  let status = deploy.status ?? "created";
  while (status !== "live") {
    if (FAILED_DEPLOY_STATUSES.includes(status)) {
      throw new RenderDeployError(
        deploy.id,
        status,
        `Render deploy ${deploy.id} of ${image} ended with status ${status}`,
      );
    }
    if (Date.now() >= deadline) {
      throw new RenderDeployError(
        deploy.id,
        status,
        `Render deploy ${deploy.id} of ${image} was still ${status} after ${timeoutSeconds} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollSeconds * 1000));
    status = (await client.getDeploy(serviceId, deploy.id)).status ?? status;
  }
  return { deployId: deploy.id, status };
}
