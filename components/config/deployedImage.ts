import * as pulumi from "@pulumi/pulumi";

/** Name of the stack reference through which a stack reads its own last deployment. */
export const DEPLOYED_IMAGE_REFERENCE = "deployed-image";

/**
 * The image this stack's last successful deployment ran: the stack's own `image` output, read
 * back through a StackReference to itself. Undefined for a stack that was never deployed. The
 * engine reads it as a `read` step, which no preview counts as a change.
 */
export async function readDeployedImage(): Promise<string | undefined> {
  const self = new pulumi.StackReference(DEPLOYED_IMAGE_REFERENCE, {
    name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  });
  const value: unknown = (await self.getOutputDetails("image")).value;
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
