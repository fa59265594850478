import type { StackCatalog } from "../stacks/stackCatalog";
import { PREVIEW_STATUS_CONTEXT } from "../github/commitStatus";
import { CREDENTIALS, type Principal } from "./credentials";
import type { EnvironmentSettings, RepositorySettings } from "./repositorySettings";

/** The pipeline's test job, by its name in pipeline.yml: the previews don't wait for it, merging must. */
export const TEST_CHECK = "Lint and test";

/** What the default branch must require: the tests, and the previews' verdict. */
const REQUIRED_CHECKS = [TEST_CHECK, PREVIEW_STATUS_CONTEXT];

/** One thing the doctor found: unsafe (the boundary is open), missing (a job will fail), or a warning. */
export interface Finding {
  level: "unsafe" | "missing" | "warning";
  /** The stack it is about; none for the repository's own settings. */
  stack?: string;
  message: string;
}

/** What the doctor knows of each deployed stack beside the catalog: its platform. */
export type StackPlatforms = Readonly<Record<string, string>>;

const isMainOnly = (environment: EnvironmentSettings) =>
  environment.branches === "protected" ||
  (Array.isArray(environment.branches) && environment.branches.every((b) => b === "main"));

/** The credential names one principal needs for a platform, and for the state (any one backend's). */
function needed(principal: Principal, platform: string) {
  const own = CREDENTIALS.filter((credential) => credential.principal === principal);
  return {
    platform: own.filter((credential) => credential.serves.platforms?.includes(platform)),
    state: own.filter((credential) => credential.serves.backends),
  };
}

/** The findings for one environment of one stack, as the principal it should hold. */
function checkEnvironment(
  settings: RepositorySettings,
  stack: string,
  platform: string,
  environment: EnvironmentSettings | undefined,
  principal: Principal,
  name: string,
): Finding[] {
  if (!environment) return [{ level: "missing", stack, message: `environment ${name} does not exist` }];
  const findings: Finding[] = [];
  const holds = (credential: { name: string; kind: "secret" | "variable" }) =>
    credential.kind === "secret"
      ? environment.secrets.includes(credential.name) || settings.secrets.includes(credential.name)
      : environment.variables.includes(credential.name) || settings.variables.includes(credential.name);
  const { platform: platformNeeds, state } = needed(principal, platform);
  for (const credential of platformNeeds.filter((c) => !holds(c))) {
    findings.push({
      level: "missing",
      stack,
      message: `${name} has no ${credential.kind} ${credential.name}: ${credential.what}`,
    });
  }
  if (!state.some(holds)) {
    findings.push({
      level: "missing",
      stack,
      message: `${name} has no state backend credential: one of ${state.map((c) => c.name).join(", ")}`,
    });
  }
  if (principal === "read") {
    const deploy = CREDENTIALS.filter(
      (c) => c.principal === "write" && [...environment.secrets, ...environment.variables].includes(c.name),
    );
    for (const credential of deploy) {
      findings.push({
        level: "unsafe",
        stack,
        message: `${name} holds ${credential.name}, a deploy credential, where previews run: move it to the environment ${stack}`,
      });
    }
  }
  return findings;
}

/**
 * Reads a repository's settings against what the pipeline relies on, per deployed stack: its own
 * environment (deploy credentials, main only, required reviewers where the catalog asks for
 * approval) and its preview-<stack> environment (read-only credentials; main only for a stack
 * whose pull requests get only the offline plan), no credential at the repository level where
 * every branch's jobs can read it, and the required status on the default branch.
 */
export function diagnose(settings: RepositorySettings, catalog: StackCatalog, platforms: StackPlatforms): Finding[] {
  const findings: Finding[] = [];
  const environment = (name: string) => settings.environments.find((e) => e.name === name);
  for (const stack of catalog.deployed) {
    const platform = platforms[stack];
    const deployEnvironment = environment(stack);
    findings.push(...checkEnvironment(settings, stack, platform, deployEnvironment, "write", stack));
    if (deployEnvironment && !isMainOnly(deployEnvironment)) {
      findings.push({
        level: "unsafe",
        stack,
        message: `environment ${stack} can be used from any branch: allow main only (Deployment branches)`,
      });
    }
    if (catalog.approval.includes(stack) && deployEnvironment && deployEnvironment.reviewers.length === 0) {
      findings.push({
        level: "unsafe",
        stack,
        message: `environment ${stack} has no required reviewers, and stacks/promotion.yaml asks for approval`,
      });
    }
    const preview = environment(`preview-${stack}`);
    findings.push(...checkEnvironment(settings, stack, platform, preview, "read", `preview-${stack}`));
    if (catalog.pullRequests[stack] === "plan" && preview && !isMainOnly(preview)) {
      findings.push({
        level: "unsafe",
        stack,
        message: `preview-${stack} can be used from any branch, but pull requests must not reach ${stack}'s credentials (pullRequests: plan): allow main only`,
      });
    }
    if (
      catalog.pullRequests[stack] === "preview" &&
      platform === "render" &&
      preview?.secrets.includes("RENDER_PREVIEW_API_KEY")
    ) {
      findings.push({
        level: catalog.approval.includes(stack) ? "unsafe" : "warning",
        stack,
        message: `preview-${stack} holds RENDER_PREVIEW_API_KEY, which pull-request code can use: Render has no read-only keys (pullRequests: plan keeps it out)`,
      });
    }
  }
  for (const credential of CREDENTIALS.filter((c) => c.kind === "secret" && settings.secrets.includes(c.name))) {
    findings.push({
      level: credential.principal === "write" ? "unsafe" : "warning",
      message: `the repository secret ${credential.name} reaches every job of every branch: keep it in the environments that need it`,
    });
  }
  for (const check of REQUIRED_CHECKS.filter((name) => !settings.requiredChecks.includes(name))) {
    findings.push({
      level: "unsafe",
      message: `the default branch does not require the status ${check}: require it in branch protection or a ruleset`,
    });
  }
  return findings;
}
