import { imageDigestRef } from "../../../components/config/schemaParts";
import { assertDeployable, readStackCatalog } from "../stacks/stackCatalog";

/** Checks what a workflow (or a person, through workflow_dispatch) asked to deploy, before anything runs. */
export function checkDeployInputs(stack: string, image: string, projectDir?: string): void {
  assertDeployable(readStackCatalog(projectDir), stack);
  const parsed = imageDigestRef.safeParse(image);
  if (!parsed.success)
    throw new Error(`--image: ${JSON.stringify(image)} is not allowed; expected ${parsed.error.issues[0].message}`);
}
