import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Repository } from "../github/environment";
import type { GitHub } from "../github/octokit";

/** How a commit stands against a base, in the words of GitHub's compare API. */
export type Comparison = "ahead" | "behind" | "identical" | "diverged";

/** Compares `head` with `base`. */
export type CompareCommits = (base: string, head: string) => Promise<Comparison>;

/** Where a release stands against what the stack last deployed. */
export type ReleaseOrder =
  /** The stack has no record of a deploy by the pipeline: anything goes. */
  | { kind: "first" }
  /** The commit is the deployed one, or descends from it. */
  | { kind: "forward" }
  /** The commit is older than the deployed one: a newer run deployed already. */
  | { kind: "superseded"; deployed: string }
  /** The commit is older, and the deploy asked to go back. */
  | { kind: "back"; deployed: string }
  /** Neither descends from the other. */
  | { kind: "diverged"; deployed: string };

/**
 * Deploys only go forward: the commit must descend from the one the stack last deployed (or be
 * it). An older commit is superseded, unless `rollback` asks to go back to it; a commit on
 * another line of history (neither descends from the other) has diverged.
 */
export async function releaseOrder(
  compare: CompareCommits,
  deployed: string | undefined,
  commit: string,
  rollback: boolean,
): Promise<ReleaseOrder> {
  if (!deployed) return { kind: "first" };
  if (deployed === commit) return { kind: "forward" };
  switch (await compare(deployed, commit)) {
    case "ahead":
    case "identical":
      return { kind: "forward" };
    case "behind":
      return rollback ? { kind: "back", deployed } : { kind: "superseded", deployed };
    case "diverged":
      return { kind: "diverged", deployed };
  }
}

/** Commits compared by GitHub (GET /repos/{owner}/{repo}/compare/{base}...{head}). */
export function githubCompare(github: GitHub, repository: Repository): CompareCommits {
  return async (base, head) => {
    const { data } = await github.rest.repos.compareCommitsWithBasehead({
      ...repository,
      basehead: `${base}...${head}`,
    });
    return data.status;
  };
}

const git = promisify(execFile);

/** Commits compared by git in a clone that has both (`git merge-base --is-ancestor`). */
export function gitCompare(dir: string): CompareCommits {
  const isAncestor = async (ancestor: string, of: string) => {
    try {
      await git("git", ["-C", dir, "merge-base", "--is-ancestor", ancestor, of]);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 1) return false;
      throw err;
    }
  };
  return async (base, head) => {
    const [baseFirst, headFirst] = await Promise.all([isAncestor(base, head), isAncestor(head, base)]);
    if (baseFirst && headFirst) return "identical";
    if (baseFirst) return "ahead";
    return headFirst ? "behind" : "diverged";
  };
}
