import { readProjectFile, readStackConfigMap, stackFilePath } from "../../../tools/lib/plan/stackFile";
import { mockAutoName } from "../../conformance/adapters/kubernetesMocks";
import { type RunStackOptions, runStack } from "../runStack";

/** A Kubernetes object as the program hands it to the Kubernetes provider. */
export interface ProgramObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [field: string]: unknown;
}

/** A stack file's `config:` map, as written. */
export function stackConfig(stack: string): Record<string, unknown> {
  return readStackConfigMap(stackFilePath(readProjectFile(), stack));
}

/**
 * The Kubernetes objects the program registers for a stack config, through the offline plan's
 * path (the real program under Pulumi's mock runtime), each exactly as the Kubernetes provider
 * would receive it: secrets decrypted, `apiVersion` and `kind` set by the SDK, and an object the
 * program leaves unnamed named as the provider would.
 */
export async function programObjects(
  config: Record<string, unknown>,
  options: RunStackOptions = {},
): Promise<ProgramObject[]> {
  const run = await runStack(config, options);
  return run.registrations
    .filter((r) => r.custom && r.type.startsWith("kubernetes:"))
    .map((r) => {
      const object = run.providerInputsOf(r) as ProgramObject;
      // Named as the mocked provider names it, which is the name the program's references read.
      return object.metadata.name === undefined
        ? { ...object, metadata: { ...object.metadata, name: mockAutoName(r.name) } }
        : object;
    });
}
