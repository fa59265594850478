import { GitHubClient } from "./githubClient";

/** A GitHub client from GITHUB_TOKEN and GITHUB_API_URL (set in every Actions job), and the repository. */
export function githubFromEnvironment(): { github: GitHubClient; repository: string; runUrl?: string } {
  const { GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_SERVER_URL, GITHUB_RUN_ID } = process.env;
  if (!GITHUB_TOKEN) throw new Error("GITHUB_TOKEN is not set");
  if (!GITHUB_REPOSITORY) throw new Error("GITHUB_REPOSITORY is not set (owner/name)");
  return {
    github: new GitHubClient(GITHUB_TOKEN, GITHUB_API_URL ?? "https://api.github.com"),
    repository: GITHUB_REPOSITORY,
    runUrl:
      GITHUB_SERVER_URL && GITHUB_RUN_ID
        ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
        : undefined,
  };
}
