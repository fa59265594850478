import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { readProjectFile } from "../plan/stackFile";

/** The file, in the stack config folder, that declares the promotion chain. */
export const PROMOTION_FILE = "promotion.yaml";

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
const stackName = z.string().regex(STACK_NAME, { error: "a stack name (letters, digits, _ . -)" });

const promotionSchema = z.strictObject({
  /** Stacks every merge to main deploys to, in order. */
  chain: z.array(stackName).min(1, { error: "at least one stack" }),
  /** Stacks that are only ever planned offline (examples). Default none. */
  neverDeployed: z.array(stackName).default([]),
});

/** Every stack of the project, and what the pipeline does with each. */
export interface StackCatalog {
  /** Every stack with a stack file, sorted. */
  stacks: string[];
  /** The promotion chain, in order. */
  chain: string[];
  /** Stacks previewed against their backend and drift-checked: every stack not marked never deployed. */
  deployed: string[];
  /** Stacks only ever planned offline. */
  neverDeployed: string[];
}

/**
 * Lists the stack files (`Pulumi.<stack>.yaml`) in the project's stack config folder and reads
 * the promotion chain beside them. Throws, naming the file, the key and the value, when the chain
 * names a stack with no file, a stack twice, or a stack also marked never deployed.
 */
export function readStackCatalog(projectDir?: string): StackCatalog {
  const folder = readProjectFile(projectDir).stackConfigDir;
  const path = join(folder, PROMOTION_FILE);
  const stacks = readdirSync(folder)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
  const parsed = promotionSchema.safeParse(parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`);
    throw new Error(`${path}: ${problems.join("; ")}`);
  }
  const { chain, neverDeployed } = parsed.data;
  const problems = [
    ...stacks
      .filter((stack) => !STACK_NAME.test(stack))
      .map((stack) => `Pulumi.${stack}.yaml is not a stack name (letters, digits, _ . -)`),
    ...[...chain, ...neverDeployed]
      .filter((stack) => !stacks.includes(stack))
      .map((stack) => `${stack} has no stack file (${join(folder, `Pulumi.${stack}.yaml`)})`),
    ...chain.filter((stack, i) => chain.indexOf(stack) !== i).map((stack) => `chain names ${stack} twice`),
    ...chain
      .filter((stack) => neverDeployed.includes(stack))
      .map((stack) => `${stack} is in the chain and marked neverDeployed`),
  ];
  if (problems.length > 0) throw new Error(`${path}: ${problems.join("; ")}`);
  return { stacks, chain, neverDeployed, deployed: stacks.filter((stack) => !neverDeployed.includes(stack)) };
}

/** The stacks a pull request previews against the backend, and those it plans offline. */
export interface PullRequestMatrices {
  preview: string[];
  plan: string[];
}

/**
 * What a pull request checks. A fork's run gets no secrets, so it plans every stack offline;
 * otherwise every deployed stack is previewed and the examples are planned.
 */
export function pullRequestMatrices(catalog: StackCatalog, fromFork: boolean): PullRequestMatrices {
  return fromFork ? { preview: [], plan: catalog.stacks } : { preview: catalog.deployed, plan: catalog.neverDeployed };
}

/** Refuses a stack the pipeline must not deploy, saying which ones it may. */
export function assertDeployable(catalog: StackCatalog, stack: string): void {
  if (!catalog.deployed.includes(stack)) {
    const why = catalog.stacks.includes(stack) ? "it is marked neverDeployed" : "it has no stack file";
    throw new Error(`stack '${stack}' cannot be deployed: ${why}; deployable stacks: ${catalog.deployed.join(", ")}`);
  }
}
