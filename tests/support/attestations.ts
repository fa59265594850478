import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AttestationSource, VerifiedAttestation } from "../../tools/lib/deploy/provenance";
import type { Release } from "../../tools/lib/deploy/stackState";

const FIXTURE = join(__dirname, "..", "fixtures", "attestations", "pipeline-provenance.json");

/** A changed certificate field, to make another workflow's, branch's or repository's attestation. */
export type CertificateChange = Partial<
  Record<"buildSignerURI" | "sourceRepositoryRef" | "sourceRepositoryURI", string>
>;

/**
 * What `gh attestation verify` prints for a release the pipeline of `repository` built on main
 * (the recorded shape in tests/fixtures/attestations), with one field changed when asked.
 */
export function attestationOf(
  release: Release,
  repository = "acme/shop",
  change: CertificateChange = {},
): VerifiedAttestation {
  const text = readFileSync(FIXTURE, "utf8")
    .replaceAll("acme/shop", repository)
    .replaceAll("aaaa000000000000000000000000000000000001", release.commit)
    .replaceAll("a1".repeat(32), release.image.split("@sha256:")[1]);
  const [attestation] = JSON.parse(text) as VerifiedAttestation[];
  Object.assign(attestation.verificationResult?.signature?.certificate ?? {}, change);
  return attestation;
}

/**
 * An attestation source standing in for gh: the releases given verify (with their change, if
 * any); any other image has no attestation, as gh then fails. Records the images asked about.
 */
export function attestationsFor(
  releases: Array<{ release: Release; change?: CertificateChange }>,
  repository = "acme/shop",
): AttestationSource & { asked: string[] } {
  const asked: string[] = [];
  const source = (image: string) => {
    asked.push(image);
    const found = releases.find((entry) => entry.release.image === image);
    if (!found) return Promise.reject(new Error(`no attestations found for ${image}`));
    return Promise.resolve([attestationOf(found.release, repository, found.change)]);
  };
  return Object.assign(source, { asked });
}
