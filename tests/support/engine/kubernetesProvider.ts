import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "../../../tools/lib/plan/stackFile";
import type { EngineProject } from "./engineProject";

/** Where .ci/build-kubernetes-provider.sh puts the plugin, and what it built. */
export const PROVIDER_DIR = join(PROJECT_DIR, ".tools", "kubernetes-provider");

/** The provider version @pulumi/kubernetes asks the engine for (its package.json's `pulumi.version`). */
export function requestedProviderVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(PROJECT_DIR, "node_modules", "@pulumi", "kubernetes", "package.json"), "utf8"),
  ) as { pulumi: { version: string } };
  return manifest.pulumi.version;
}

/** The built plugin: its binary, the version stamped into it, and the source it was built from. */
export interface KubernetesProvider {
  binary: string;
  version: string;
  /** `github.com/pulumi/pulumi-kubernetes/provider/v4@<pseudo-version>` */
  source: string;
}

/** The built plugin, or why it is missing or is not the version the SDK asks for. */
export function kubernetesProvider(): { provider?: KubernetesProvider; missing?: string } {
  const binary = join(PROVIDER_DIR, "pulumi-resource-kubernetes");
  const stamp = join(PROVIDER_DIR, ".versions");
  const build = "run: bash .ci/build-kubernetes-provider.sh";
  if (!existsSync(binary) || !existsSync(stamp)) return { missing: `the Kubernetes provider is not built (${build})` };
  const [, version, , source] = readFileSync(stamp, "utf8").trim().split(" ");
  const wanted = requestedProviderVersion();
  if (version !== wanted) {
    return {
      missing: `the Kubernetes provider was built as ${version}; @pulumi/kubernetes asks for ${wanted} (${build})`,
    };
  }
  return { provider: { binary, version, source } };
}

/**
 * Installs the plugin into the project's PULUMI_HOME, as `pulumi plugin install` installs a
 * downloaded one, at the version the SDK asks for.
 */
export async function installKubernetesProvider(engine: EngineProject, provider: KubernetesProvider): Promise<void> {
  await engine.must(["plugin", "install", "resource", "kubernetes", provider.version, "--file", provider.binary]);
}
