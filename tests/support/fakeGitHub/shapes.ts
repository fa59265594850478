/**
 * The objects the fake GitHub answers with, in the shapes GitHub's REST API documents (and
 * @octokit/fixtures recorded, for the calls it has: tests/tools/fakeGitHub.test.ts compares).
 * Only the fields the pipeline's tools read, and those a recording shows beside them, are kept.
 */

/** A user or app as GitHub shows one on a comment, a status or a deployment. */
export interface Actor {
  login: string;
  id: number;
  type: "User" | "Bot";
}

/** The identity a workflow's GITHUB_TOKEN acts as. */
export const ACTIONS_BOT_ACTOR: Actor = { login: "github-actions[bot]", id: 41898282, type: "Bot" };

export interface Comment {
  id: number;
  node_id: string;
  body: string;
  user: Actor;
  created_at: string;
  updated_at: string;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string | null;
  labels: Array<{ name: string }>;
  comments: Comment[];
}

export interface PullRequest {
  number: number;
  state: "open" | "closed";
  head: { sha: string; ref: string; repo: { full_name: string } };
  merged_at: string | null;
  merge_commit_sha: string | null;
}

/** A commit status (POST /repos/{owner}/{repo}/statuses/{sha}). */
export interface CommitStatus {
  url: string;
  avatar_url: string | null;
  id: number;
  node_id: string;
  state: "error" | "failure" | "pending" | "success";
  description: string | null;
  target_url: string | null;
  context: string;
  created_at: string;
  updated_at: string;
  creator: Actor;
}

/** A deployment (POST /repos/{owner}/{repo}/deployments). */
export interface Deployment {
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown>;
  environment: string;
  description: string | null;
  creator: Actor;
  created_at: string;
  updated_at: string;
  production_environment: boolean;
  transient_environment: boolean;
}

/** A deployment status (POST /repos/{owner}/{repo}/deployments/{id}/statuses). */
export interface DeploymentStatus {
  id: number;
  node_id: string;
  state: "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  creator: Actor;
  created_at: string;
}

/** An environment as GET /repos/{owner}/{repo}/environments lists it, with what the fake keeps beside it. */
export interface Environment {
  name: string;
  /** Required reviewers' logins (a `required_reviewers` protection rule), none by default. */
  reviewers: string[];
  /** Deployment branches: all, protected branches only, or these branch names. */
  branches: "all" | "protected" | string[];
  secrets: string[];
  variables: string[];
}

/** The names GitHub's documented example shapes use for timestamps and node ids. */
export const now = () => new Date().toISOString();
export const nodeId = (kind: string, id: number) => Buffer.from(`${kind}:${id}`).toString("base64");
