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

/** How long to wait for a deploy, and how often to look. */
export interface DeployTiming {
  /** Longest wait for the deploy to go live, in seconds. */
  timeoutSeconds: number;
  /** Seconds between status reads. */
  pollSeconds: number;
}

/** Thrown when a deploy ends anywhere but live, or does not get there in time. */
export class RenderDeployError extends Error {
  override readonly name = "RenderDeployError";

  constructor(
    readonly deployId: string,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Deploys the image by digest and waits, bounded, until the deploy is live. Render answers the
 * trigger with the deploy (201), or with 202 and no body when it queued it: then the deploy is
 * the newest one that was not listed before the trigger.
 */
export async function deployAndWait(
  client: RenderClient,
  serviceId: string,
  image: string,
  timing: DeployTiming,
): Promise<{ deployId: string; status: string }> {
  const deadline = Date.now() + timing.timeoutSeconds * 1000;
  const earlier = new Set((await client.listRecentDeploys(serviceId)).map((deploy) => deploy.id));
  const triggered = await client.triggerDeploy(serviceId, image);
  let deployId = triggered?.id;
  while (!deployId) {
    deployId = (await client.listRecentDeploys(serviceId)).find((deploy) => !earlier.has(deploy.id))?.id;
    if (deployId) break;
    if (Date.now() >= deadline) {
      throw new RenderDeployError(
        "",
        "queued",
        `Render queued a deploy of ${image} (202) but listed no new deploy within ${timing.timeoutSeconds} s`,
      );
    }
    await sleep(timing.pollSeconds);
  }
  return waitUntilLive(client, serviceId, deployId, image, { ...timing, deadline });
}

/** Waits, bounded, until a deploy Render already started (say, by creating the service) is live. */
export async function waitUntilLive(
  client: RenderClient,
  serviceId: string,
  deployId: string,
  image: string,
  timing: DeployTiming & { deadline?: number },
): Promise<{ deployId: string; status: string }> {
  const deadline = timing.deadline ?? Date.now() + timing.timeoutSeconds * 1000;
  let status = (await client.getDeploy(serviceId, deployId)).status ?? "created";
  while (status !== "live") {
    if (FAILED_DEPLOY_STATUSES.includes(status)) {
      throw new RenderDeployError(
        deployId,
        status,
        `Render deploy ${deployId} of ${image} ended with status ${status}`,
      );
    }
    if (Date.now() >= deadline) {
      throw new RenderDeployError(
        deployId,
        status,
        `Render deploy ${deployId} of ${image} was still ${status} after ${timing.timeoutSeconds} s`,
      );
    }
    await sleep(timing.pollSeconds);
    status = (await client.getDeploy(serviceId, deployId)).status ?? status;
  }
  return { deployId, status };
}
