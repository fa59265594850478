import { UsageError } from "../cli/command";
import { checkDeployInputs } from "./deployInputs";
import type { ProvenanceArgs } from "./pipelineContext";
import type { Release } from "./stackState";

/** The options both deploy CLIs take, as node:util's parseArgs reads them. */
export const RELEASE_OPTIONS = {
  stack: { type: "string" },
  image: { type: "string" },
  commit: { type: "string" },
  "image-repository": { type: "string" },
  attestations: { type: "string", default: "on" },
  rollback: { type: "boolean" },
} as const;

/** The usage of RELEASE_OPTIONS. */
export const RELEASE_USAGE =
  "--stack <name> --image <repository>@sha256:<digest> --commit <sha> [--image-repository <repository>] [--attestations on|off] [--rollback]";

/** The image repository the pipeline pushes to when none is named: `ghcr.io/<owner>/<name>-app`, lowercase. */
export function defaultImageRepository(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_REPOSITORY ? `ghcr.io/${env.GITHUB_REPOSITORY.toLowerCase()}-app` : undefined;
}

/** The release, the provenance arguments and the rollback flag the options name, checked. */
export function releaseArgs(values: {
  stack?: string;
  image?: string;
  commit?: string;
  "image-repository"?: string;
  attestations?: string;
  rollback?: boolean;
}): { stack: string; release: Release; provenance: ProvenanceArgs; rollback: boolean } {
  const stack = values.stack ?? "";
  const image = values.image ?? "";
  const commit = values.commit ?? "";
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new UsageError(`--commit: "${commit}" is not a full commit sha`);
  if (!["on", "off"].includes(values.attestations ?? "")) {
    throw new UsageError(`--attestations: "${values.attestations}" is not on or off`);
  }
  const imageRepository = values["image-repository"] || defaultImageRepository();
  if (!imageRepository) {
    throw new UsageError("--image-repository is required where GITHUB_REPOSITORY does not name the repository");
  }
  checkDeployInputs(stack, image);
  return {
    stack,
    release: { commit, image },
    provenance: { imageRepository, attestations: values.attestations === "on" },
    rollback: values.rollback ?? false,
  };
}
