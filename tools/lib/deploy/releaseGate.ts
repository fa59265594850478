import { type AttestationSource, checkProvenance, ProvenanceError, type ProvenancePolicy } from "./provenance";
import { type CompareCommits, releaseOrder } from "./releaseOrder";
import type { Release } from "./stackState";

/** A release cleared to apply, with what its provenance check said. */
export type Cleared = { kind: "go"; provenance: string };
/** A release refused before anything is applied, and why. */
export type Refused = { kind: "refused"; reason: string };

/** What must hold before the pipeline applies a release. */
export interface ReleaseGate {
  /** A release about to deploy: forward (or back, when asked) from the deployed one, and this repository's build. */
  check(
    release: Release,
    deployed: Release | undefined,
    rollback: boolean,
  ): Promise<Cleared | Refused | { kind: "superseded"; deployed: string }>;
  /** A rollback's release, already deployed once: its provenance alone. */
  provenance(release: Release): Promise<Cleared | Refused>;
}

/** The pipeline's gate: commits compared as given, provenance by the policy. */
export function releaseGate(
  compare: CompareCommits,
  policy: ProvenancePolicy,
  attestations?: AttestationSource,
): ReleaseGate {
  const provenance = async (release: Release): Promise<Cleared | Refused> => {
    try {
      const found = await checkProvenance(release.image, release.commit, policy, attestations);
      return { kind: "go", provenance: found.verified ? `provenance verified (${found.build})` : found.reason };
    } catch (err) {
      if (err instanceof ProvenanceError) return { kind: "refused", reason: `provenance: ${err.message}` };
      throw err;
    }
  };
  return {
    async check(release, deployed, rollback) {
      const order = await releaseOrder(compare, deployed?.commit, release.commit, rollback);
      if (order.kind === "superseded") return order;
      if (order.kind === "diverged") {
        return {
          kind: "refused",
          reason: `${release.commit} does not descend from ${order.deployed}, the commit the stack last deployed, nor the other way round; deploys only go forward along main`,
        };
      }
      return provenance(release);
    },
    provenance,
  };
}
