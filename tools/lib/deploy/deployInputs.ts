import { parseArgs } from "node:util";
import { imageDigestRef } from "../../../components/config/schemaParts";
import { usageError } from "../cli/cliMain";
import { assertDeployable, readStackCatalog } from "../stacks/stackCatalog";

/** Checks what a workflow (or a person, through workflow_dispatch) asked to deploy, before anything runs. */
export function checkDeployInputs(stack: string, image: string, projectDir?: string): void {
  assertDeployable(readStackCatalog(projectDir), stack);
  const parsed = imageDigestRef.safeParse(image);
  if (!parsed.success)
    throw new Error(`--image: ${JSON.stringify(image)} is not allowed; expected ${parsed.error.issues[0].message}`);
}

/** What both deploy CLIs are told: the stack, the image, its commit and the plan file. */
export interface DeployArgs {
  stack: string;
  image: string;
  commit?: string;
  planFile?: string;
  /** The CLI's own options, by name. */
  own: Record<string, string | undefined>;
}

/**
 * Reads a deploy CLI's arguments: `--stack`, `--image`, `--commit`, `--plan-file` (required when
 * `planFileRequired`) and the CLI's own string options, then checks the stack and the image
 * (checkDeployInputs). A usage problem prints the usage and gives exit status 2 instead.
 */
export function readDeployArgs(
  argv: string[],
  usage: string,
  own: Record<string, { type: "string"; default?: string }>,
  planFileRequired: boolean,
): DeployArgs | number {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        image: { type: "string" },
        commit: { type: "string" },
        "plan-file": { type: "string" },
        ...own,
      },
    }));
  } catch (err) {
    return usageError(err, usage);
  }
  const { stack, image, commit } = values;
  const planFile = values["plan-file"];
  if (!stack || !image || (planFileRequired && !planFile)) {
    const required = planFileRequired ? "--stack, --image and --plan-file are" : "--stack and --image are";
    return usageError(`${required} required`, usage);
  }
  checkDeployInputs(stack, image);
  return {
    stack,
    image,
    commit: commit || undefined,
    planFile,
    own: Object.fromEntries(Object.keys(own).map((name) => [name, values[name]])),
  };
}
