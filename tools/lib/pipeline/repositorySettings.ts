import type { Repository } from "../github/environment";
import type { GitHub } from "../github/octokit";

/** One environment's settings, as far as the pipeline depends on them. */
export interface EnvironmentSettings {
  name: string;
  /** Logins and team slugs of its required reviewers; empty for none. */
  reviewers: string[];
  /** Which branches may deploy to it: all, protected ones, or these names. */
  branches: "all" | "protected" | string[];
  secrets: string[];
  variables: string[];
}

/** What the pipeline doctor reads of a repository. */
export interface RepositorySettings {
  environments: EnvironmentSettings[];
  /** Secrets and variables of the repository itself, which every job of every branch can be given. */
  secrets: string[];
  variables: string[];
  /** Status checks required on the default branch, by branch protection or a ruleset. */
  requiredChecks: string[];
}

/**
 * Reads a repository's settings through GitHub's REST API (with @octokit/rest): its
 * environments with their protection rules, deployment branches, secrets' and variables' names
 * (never values), the repository's own, and the default branch's required status checks. The
 * token must be one that may read them (a repository admin's).
 */
export async function readRepositorySettings(github: GitHub, repository: Repository): Promise<RepositorySettings> {
  const { data: repo } = await github.rest.repos.get({ ...repository });
  const { data: listed } = await github.rest.repos.getAllEnvironments({ ...repository, per_page: 100 });
  const environments: EnvironmentSettings[] = [];
  for (const environment of listed.environments ?? []) {
    const name = environment.name;
    const rules = environment.protection_rules ?? [];
    const reviewers = rules.flatMap((rule) =>
      "reviewers" in rule && Array.isArray(rule.reviewers)
        ? rule.reviewers.map((entry) => {
            const reviewer = entry.reviewer as { login?: string; slug?: string } | undefined;
            return reviewer?.login ?? reviewer?.slug ?? "?";
          })
        : [],
    );
    const policy = environment.deployment_branch_policy;
    let branches: EnvironmentSettings["branches"] = "all";
    if (policy?.protected_branches) branches = "protected";
    else if (policy?.custom_branch_policies) {
      const { data } = await github.rest.repos.listDeploymentBranchPolicies({
        ...repository,
        environment_name: name,
        per_page: 100,
      });
      branches = data.branch_policies.map((branch) => branch.name ?? "");
    }
    const secrets = await github.rest.actions.listEnvironmentSecrets({
      ...repository,
      environment_name: name,
      per_page: 100,
    });
    const variables = await github.rest.actions.listEnvironmentVariables({
      ...repository,
      environment_name: name,
      per_page: 30,
    });
    environments.push({
      name,
      reviewers,
      branches,
      secrets: secrets.data.secrets.map((secret) => secret.name),
      variables: variables.data.variables.map((variable) => variable.name),
    });
  }
  const secrets = await github.rest.actions.listRepoSecrets({ ...repository, per_page: 100 });
  const variables = await github.rest.actions.listRepoVariables({ ...repository, per_page: 30 });
  return {
    environments,
    secrets: secrets.data.secrets.map((secret) => secret.name),
    variables: variables.data.variables.map((variable) => variable.name),
    requiredChecks: await requiredChecks(github, repository, repo.default_branch),
  };
}

/** The status checks branch protection and rulesets require on a branch. */
async function requiredChecks(github: GitHub, repository: Repository, branch: string): Promise<string[]> {
  const checks: string[] = [];
  try {
    const { data } = await github.rest.repos.getBranchProtection({ ...repository, branch });
    checks.push(...(data.required_status_checks?.contexts ?? []));
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
  }
  const { data: rules } = await github.rest.repos.getBranchRules({ ...repository, branch, per_page: 100 });
  for (const rule of rules) {
    if (rule.type === "required_status_checks") {
      checks.push(...(rule.parameters?.required_status_checks ?? []).map((check) => check.context));
    }
  }
  return [...new Set(checks)];
}
