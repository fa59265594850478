import * as pulumi from "@pulumi/pulumi";

/** Name of the stack reference through which a stack reads its own last deployment. */
export const DEPLOYED_IMAGE_REFERENCE = "deployed-image";

/**
 * The image this stack's last successful deployment ran: the stack's own `image` output, read
 * back through a StackReference to itself. Undefined for a stack that was never deployed. The
 * engine reads it as a `read` step, which no preview counts as a change.
 */
export function readDeployedImage(): Promise<string | undefined> {
  return readOwnOutput(DEPLOYED_IMAGE_REFERENCE, "image");
}

/**
 * One string output of this stack's last deployment, read through a StackReference to itself
 * named `reference` (a name of its own per output read, as the engine wants each resource's).
 * Undefined for a stack never deployed, or one whose last deployment had no such output.
 */
export async function readOwnOutput(
  reference: string,
  output: string,
  opts?: pulumi.CustomResourceOptions,
): Promise<string | undefined> {
  const self = new pulumi.StackReference(
    reference,
    { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` },
    opts,
  );
  const value: unknown = (await self.getOutputDetails(output)).value;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** What to do when a stack names no image and has never been deployed. */
export function noImageYet(stack: string): string {
  return (
    `the image to deploy, pinned by digest; stack '${stack}' names none and has never been deployed. ` +
    `Give one with \`pulumi config set --stack ${stack} skyport:image <registry>/<repository>@sha256:<64 hex>\`, ` +
    `or let the pipeline deploy the image it builds`
  );
}
