import { createGitHub, type GitHub } from "./octokit";

/** The repository a tool works on, as GitHub Actions names it. */
export interface Repository {
  owner: string;
  repo: string;
}

/** Splits `owner/name`. */
export function repositoryOf(fullName: string): Repository {
  const [owner, repo, ...rest] = fullName.split("/");
  if (!owner || !repo || rest.length > 0) throw new Error(`GITHUB_REPOSITORY: "${fullName}" is not owner/name`);
  return { owner, repo };
}

/** The workflow run's page, from GitHub Actions' own variables, when they are set. */
export function runUrlFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
    ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    : undefined;
}

/** A GitHub client from GITHUB_TOKEN and GITHUB_API_URL (set in every Actions job), and the repository. */
export function githubFromEnvironment(env: NodeJS.ProcessEnv = process.env): {
  github: GitHub;
  repository: Repository;
  runUrl?: string;
} {
  const { GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY } = env;
  if (!GITHUB_TOKEN) throw new Error("GITHUB_TOKEN is not set");
  if (!GITHUB_REPOSITORY) throw new Error("GITHUB_REPOSITORY is not set (owner/name)");
  return {
    github: createGitHub(GITHUB_TOKEN, { baseUrl: GITHUB_API_URL }),
    repository: repositoryOf(GITHUB_REPOSITORY),
    runUrl: runUrlFromEnvironment(env),
  };
}
