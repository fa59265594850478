import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { readProjectFile } from "../plan/stackFile";

/** The file, in the stack config folder, that declares the promotion chain. */
export const PROMOTION_FILE = "promotion.yaml";

const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
const stackName = z.string().regex(STACK_NAME, { error: "a stack name (letters, digits, _ . -)" });

/** How a pull request checks a deployed stack. */
export const PULL_REQUEST_CHECKS = ["preview", "plan"] as const;
export type PullRequestCheck = (typeof PULL_REQUEST_CHECKS)[number];

const promotionSchema = z.strictObject({
  /** Stacks every merge to main deploys to, in order. */
  chain: z.array(stackName).min(1, { error: "at least one stack" }),
  /** Stacks that are only ever planned offline (examples). Default none. */
  neverDeployed: z.array(stackName).default([]),
  /**
   * How pull requests check a deployed stack: `preview`, the real engine with the stack's
   * read-only credentials (and so its config secrets), or `plan`, the offline plan, so that no
   * credential or secret of the stack reaches pull-request code. Default preview.
   */
  pullRequests: z.record(stackName, z.enum(PULL_REQUEST_CHECKS, { error: "preview or plan" })).default({}),
  /** Stacks whose deploy waits for their environment's required reviewers. Default none. */
  approval: z.array(stackName).default([]),
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
  /** How pull requests check each deployed stack. */
  pullRequests: Record<string, PullRequestCheck>;
  /** Deployed stacks whose deploy waits for required reviewers. */
  approval: string[];
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
  const deployed = stacks.filter((stack) => !neverDeployed.includes(stack));
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
    ...[...Object.keys(parsed.data.pullRequests), ...parsed.data.approval]
      .filter((stack) => !deployed.includes(stack))
      .map((stack) => `pullRequests and approval name deployed stacks only, and ${stack} is not one`),
  ];
  if (problems.length > 0) throw new Error(`${path}: ${problems.join("; ")}`);
  const pullRequests = Object.fromEntries(
    deployed.map((stack) => [stack, parsed.data.pullRequests[stack] ?? "preview"]),
  ) as Record<string, PullRequestCheck>;
  return { stacks, chain, neverDeployed, deployed, pullRequests, approval: parsed.data.approval };
}

/** The stacks a pull request previews against the backend, and those it plans offline. */
export interface PullRequestMatrices {
  preview: string[];
  plan: string[];
}

/**
 * What a pull request checks. A fork's run gets no secrets, so it plans every stack offline;
 * otherwise each deployed stack is previewed or planned as `pullRequests` says, and the
 * examples are planned.
 */
export function pullRequestMatrices(catalog: StackCatalog, fromFork: boolean): PullRequestMatrices {
  if (fromFork) return { preview: [], plan: catalog.stacks };
  const preview = catalog.deployed.filter((stack) => catalog.pullRequests[stack] === "preview");
  return { preview, plan: catalog.stacks.filter((stack) => !preview.includes(stack)) };
}

/** Why a pull request got a stack's offline plan rather than a preview, as the comment says it. */
export function offlinePlanReason(catalog: StackCatalog, stack: string, fromFork: boolean): string {
  if (fromFork) return "this pull request comes from a fork, which gets no secrets";
  if (catalog.neverDeployed.includes(stack)) return "an example stack, never deployed";
  return "stacks/promotion.yaml keeps this stack's credentials and secrets away from pull requests (pullRequests: plan)";
}

/** Refuses a stack the pipeline must not deploy, saying which ones it may. */
export function assertDeployable(catalog: StackCatalog, stack: string): void {
  if (!catalog.deployed.includes(stack)) {
    const why = catalog.stacks.includes(stack) ? "it is marked neverDeployed" : "it has no stack file";
    throw new Error(`stack '${stack}' cannot be deployed: ${why}; deployable stacks: ${catalog.deployed.join(", ")}`);
  }
}
