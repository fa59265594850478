import { spawn } from "node:child_process";

/** Where the images the pipeline builds come from, and so what a deploy accepts. */
export interface ProvenancePolicy {
  /** This repository, `owner/name`. */
  repository: string;
  /** The workflow that builds and attests images, relative to the repository. Default PIPELINE_WORKFLOW. */
  workflow?: string;
  /** The only ref whose builds may deploy. Default refs/heads/main. */
  ref?: string;
  /** The image repository the pipeline pushes to, `ghcr.io/<owner>/<name>-app`. */
  imageRepository: string;
  /** Whether the pipeline attests its builds (SKYPORT_ATTESTATIONS); without, only the image repository is checked. */
  attestations: boolean;
}

/** The pipeline's own workflow, the only signer a deploy trusts. */
export const PIPELINE_WORKFLOW = ".github/workflows/pipeline.yml";
const MAIN = "refs/heads/main";
const SLSA_PROVENANCE = "https://slsa.dev/provenance/v1";

/** What a verified attestation says, as `gh attestation verify --format json` prints each one. */
export interface VerifiedAttestation {
  verificationResult?: {
    statement?: { predicateType?: string; subject?: Array<{ digest?: { sha256?: string } }> };
    signature?: {
      certificate?: {
        sourceRepositoryURI?: string;
        sourceRepositoryRef?: string;
        sourceRepositoryDigest?: string;
        buildSignerURI?: string;
        runInvocationURI?: string;
      };
    };
  };
}

/**
 * Verifies an image's attestations cryptographically and returns what each says; rejects when
 * none verifies. The pipeline's is `gh attestation verify` (ghAttestations).
 */
export type AttestationSource = (image: string, policy: Required<ProvenancePolicy>) => Promise<VerifiedAttestation[]>;

/** How a release's provenance came out: verified (naming the build), or accepted unverified, saying why. */
export type Provenance = { verified: true; build: string } | { verified: false; reason: string };

/** A release refused for its provenance: the deploy stops before anything is applied. */
export class ProvenanceError extends Error {}

function withDefaults(policy: ProvenancePolicy): Required<ProvenancePolicy> {
  return { workflow: PIPELINE_WORKFLOW, ref: MAIN, ...policy };
}

/** Why one verified attestation does not fit the release and the policy, or undefined when it does. */
export function attestationMismatch(
  attestation: VerifiedAttestation,
  image: string,
  commit: string,
  policy: ProvenancePolicy,
): string | undefined {
  const { repository, workflow, ref } = withDefaults(policy);
  const result = attestation.verificationResult;
  const certificate = result?.signature?.certificate ?? {};
  const digest = image.split("@sha256:")[1];
  const signer = `https://github.com/${repository}/${workflow}@${ref}`;
  if (result?.statement?.predicateType !== SLSA_PROVENANCE) return `it is not build provenance (${SLSA_PROVENANCE})`;
  if (!result.statement.subject?.some((subject) => subject.digest?.sha256 === digest)) {
    return `it is about another digest than sha256:${digest}`;
  }
  if (certificate.sourceRepositoryURI !== `https://github.com/${repository}`) {
    return `it was built from ${certificate.sourceRepositoryURI ?? "no repository"}, not https://github.com/${repository}`;
  }
  if (certificate.buildSignerURI !== signer) {
    return `it was signed by ${certificate.buildSignerURI ?? "no workflow"}, not ${signer}`;
  }
  if (certificate.sourceRepositoryRef !== ref) {
    return `it was built from ${certificate.sourceRepositoryRef ?? "no ref"}, not ${ref}`;
  }
  if (certificate.sourceRepositoryDigest !== commit) {
    return `it was built from commit ${certificate.sourceRepositoryDigest ?? "unknown"}, not ${commit}`;
  }
  return undefined;
}

/**
 * Checks where a release's image comes from before any deploy or rollback applies it. With
 * attestations on, one of the digest's verified attestations must be build provenance signed by
 * this repository's pipeline workflow on main, built from the release's commit. With them off, the
 * image must at least be in the image repository the pipeline pushes to, and the result says
 * provenance was not verified. Rejects with a ProvenanceError naming what did not fit.
 */
export async function checkProvenance(
  image: string,
  commit: string,
  policy: ProvenancePolicy,
  attestations: AttestationSource = ghAttestations,
): Promise<Provenance> {
  const full = withDefaults(policy);
  if (!image.startsWith(`${full.imageRepository}@sha256:`)) {
    throw new ProvenanceError(
      `${image} is not from ${full.imageRepository}, the image repository this repository's pipeline pushes to`,
    );
  }
  if (!full.attestations) {
    return {
      verified: false,
      reason: `provenance not verified (attestations are off: SKYPORT_ATTESTATIONS); only the image repository, ${full.imageRepository}, was checked`,
    };
  }
  let found: VerifiedAttestation[];
  try {
    found = await attestations(image, full);
  } catch (err) {
    throw new ProvenanceError(
      `${image} has no attestation that verifies: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const mismatches = found.map((attestation) => attestationMismatch(attestation, image, commit, full));
  const index = mismatches.indexOf(undefined);
  if (index === -1) {
    const why = mismatches.length > 0 ? mismatches.join("; ") : "no attestation";
    throw new ProvenanceError(`${image} is not this repository's build of ${commit}: ${why}`);
  }
  const build = found[index].verificationResult?.signature?.certificate?.runInvocationURI ?? "the pipeline";
  return { verified: true, build };
}

/**
 * `gh attestation verify oci://<image>` with the policy as its flags (the repository, the signer
 * workflow, the source ref and digest, SLSA provenance): gh checks the signatures against
 * Sigstore's trust root and GitHub's, and prints each verified attestation as JSON. Needs gh on
 * PATH and GH_TOKEN (GitHub's runners have both).
 */
export const ghAttestations: AttestationSource = (image, policy) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      "gh",
      [
        ...["attestation", "verify", `oci://${image}`, "--repo", policy.repository],
        ...["--signer-workflow", `${policy.repository}/${policy.workflow}`, "--source-ref", policy.ref],
        ...["--predicate-type", SLSA_PROVENANCE, "--format", "json"],
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (err) => reject(new Error(`cannot run gh: ${err.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(stderr.trim() || `gh exited ${code}`));
      try {
        resolve(JSON.parse(stdout) as VerifiedAttestation[]);
      } catch {
        reject(new Error(`gh printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
