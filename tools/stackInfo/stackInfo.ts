import type { PlatformName } from "../../components/spec/stackConfigSchema";
import type { RuntimeConfig } from "../plan/stackFile";

/** What the pipeline needs to know about a stack before it can preview or deploy it. */
export interface StackInfo {
  stack: string;
  platform: string;
  /** How the job gets credentials: OIDC for the clouds, an environment secret otherwise. */
  credentials: "aws-oidc" | "gcp-oidc" | "kubeconfig" | "render-api-key";
  /** Provider settings the credential step needs (aws:region). */
  awsRegion?: string;
}

const CREDENTIALS: Record<PlatformName, StackInfo["credentials"]> = {
  ecs: "aws-oidc",
  cloudrun: "gcp-oidc",
  kubernetes: "kubeconfig",
  render: "render-api-key",
};

/** Reads the platform, and what it needs, from a stack's config (as readStackFile gives it). */
export function stackInfo(stack: string, config: RuntimeConfig["config"]): StackInfo {
  const platform = config["skyport:platform"];
  if (typeof platform !== "string" || !(platform in CREDENTIALS)) {
    throw new Error(
      `stack ${stack}: skyport:platform is ${JSON.stringify(platform)}; expected one of ${Object.keys(CREDENTIALS).join(", ")}`,
    );
  }
  const region = config["aws:region"];
  return {
    stack,
    platform,
    credentials: CREDENTIALS[platform as PlatformName],
    ...(typeof region === "string" ? { awsRegion: region } : {}),
  };
}

/** `key=value` lines for $GITHUB_OUTPUT. */
export function githubOutputs(info: StackInfo): string {
  return (
    [`platform=${info.platform}`, `credentials=${info.credentials}`, `aws-region=${info.awsRegion ?? ""}`].join("\n") +
    "\n"
  );
}
