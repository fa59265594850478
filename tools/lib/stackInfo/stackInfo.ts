import { createRequire } from "node:module";
import { join } from "node:path";
import type { PlatformCredentials, PlatformRegistry } from "../../../components/contract/platform";
import { PLATFORM_REGISTRY } from "../../../components/registry";
import { PROJECT_DIR, type RuntimeConfig } from "../plan/stackFile";

/** What the pipeline needs to know about a stack before it can preview or deploy it. */
export interface StackInfo {
  stack: string;
  platform: string;
  /** How the job gets the platform's credentials (see PlatformCredentials). */
  credentials: PlatformCredentials;
  /** The region the credentials are for, from the config key the platform's credentials name. */
  credentialRegion?: string;
  /** The provider plugins the stack loads, as `name@version`, at the versions npm installed. */
  plugins: string[];
}

const requireHere = createRequire(join(PROJECT_DIR, "package.json"));

/** A provider package's plugin, `name@version`, from its package.json's `pulumi` field. */
function pluginOf(providerPackage: string): string {
  const manifest = requireHere(`${providerPackage}/package.json`) as {
    version: string;
    pulumi?: { name?: string; version?: string };
  };
  const name = manifest.pulumi?.name;
  if (!name) throw new Error(`${providerPackage} names no Pulumi plugin in its package.json`);
  return `${name}@${manifest.pulumi?.version ?? manifest.version}`;
}

/** Reads the platform, and what it needs, from a stack's config (as readStackFile gives it). */
export function stackInfo(
  stack: string,
  config: RuntimeConfig["config"],
  registry: PlatformRegistry = PLATFORM_REGISTRY,
): StackInfo {
  const platform = config["skyport:platform"];
  const definition = typeof platform === "string" ? registry[platform] : undefined;
  if (typeof platform !== "string" || !definition) {
    throw new Error(
      `stack ${stack}: skyport:platform is ${JSON.stringify(platform)}; expected one of ${Object.keys(registry).join(", ")}`,
    );
  }
  const { credentials } = definition;
  const region = "regionKey" in credentials ? config[credentials.regionKey] : undefined;
  return {
    stack,
    platform,
    credentials,
    ...(typeof region === "string" ? { credentialRegion: region } : {}),
    plugins: definition.providerPackages.map(pluginOf),
  };
}

/** `key=value` lines for $GITHUB_OUTPUT; values are single words, so no delimiters are needed. */
export function githubOutputs(info: StackInfo): string {
  const { credentials } = info;
  return (
    [
      `platform=${info.platform}`,
      `credentials=${credentials.kind}`,
      `credential-secret=${"secret" in credentials ? credentials.secret : ""}`,
      `credential-file-variable=${credentials.kind === "secret-file" ? credentials.fileVariable : ""}`,
      `credential-region=${info.credentialRegion ?? ""}`,
      `plugins=${info.plugins.join(" ")}`,
    ].join("\n") + "\n"
  );
}
