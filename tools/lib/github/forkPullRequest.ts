import { z } from "zod";
import type { Repository } from "./environment";
import type { GitHub } from "./octokit";

/** The file a fork's pipeline run puts beside its plans, naming its pull request. */
export const FORK_PULL_REQUEST_FILE = "pull-request.json";

const claimSchema = z.strictObject({
  number: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
});

/** What a fork's run says about itself: untrusted until checked with verifyForkPullRequest. */
export type ForkClaim = z.infer<typeof claimSchema>;

/** Parses the claim a fork's run wrote; anything but `{number, headSha}` is refused. */
export function parseForkClaim(text: string): ForkClaim {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${FORK_PULL_REQUEST_FILE} is not JSON`);
  }
  const parsed = claimSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${FORK_PULL_REQUEST_FILE} is not {number, headSha}: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Checks a fork's claim against what GitHub itself says: the commit the triggering run built
 * (the workflow_run event's head_sha, which the fork cannot choose) must be the claim's, and the
 * pull request must be open with that commit as its head. Returns the pull request's number.
 */
export async function verifyForkPullRequest(
  github: GitHub,
  repository: Repository,
  claim: ForkClaim,
  runHeadSha: string,
): Promise<number> {
  if (claim.headSha !== runHeadSha) {
    throw new Error(`the artifact claims commit ${claim.headSha}, but the run built ${runHeadSha}`);
  }
  const { data: pull } = await github.rest.pulls.get({ ...repository, pull_number: claim.number });
  if (pull.state !== "open" || pull.head.sha !== runHeadSha) {
    throw new Error(
      `pull request #${claim.number} is ${pull.state} with head ${pull.head.sha}, not open at ${runHeadSha}`,
    );
  }
  return pull.number;
}
