import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { deployStack, type DeployOptions } from "../../../tools/lib/deploy/deployStack";
import { planDeploy } from "../../../tools/lib/deploy/planDeploy";
import { type ReleaseGate, releaseGate } from "../../../tools/lib/deploy/releaseGate";
import { githubCompare } from "../../../tools/lib/deploy/releaseOrder";
import type { Release } from "../../../tools/lib/deploy/stackState";
import { githubDeploymentHistory } from "../../../tools/lib/github/deploymentHistory";
import { repositoryOf } from "../../../tools/lib/github/environment";
import { createGitHub } from "../../../tools/lib/github/octokit";
import { reportFailedRollback } from "../../../tools/lib/github/rollbackIssue";
import { attestationsFor, type CertificateChange } from "../attestations";
import type { FakeGitHub } from "../fakeGitHub";
import type { StandInBuild } from "../liveAppStandIn";
import type { EngineProject } from "./engineProject";

/** The repository every deploy tier's releases come from. */
export const REPOSITORY = "acme/shop";
/** Where the pipeline pushes their images. */
export const IMAGES = "ghcr.io/acme/shop-app";
/** An image of that repository whose digest repeats `hex`. */
export const imageOf = (hex: string) => `${IMAGES}@sha256:${hex.repeat(64 / hex.length)}`;

/**
 * Releases of one stack as the pipeline makes them, for the deploy tiers: each is a commit of
 * the project copy (its program and stack file) with an image this repository's pipeline built
 * and attested, known to the fake GitHub's history and to the app's stand-in.
 */
export class ReleaseHarness {
  /** The releases whose provenance verifies: this repository's pipeline built them on main. */
  readonly attested: Array<{ release: Release; change?: CertificateChange }> = [];
  readonly releases: Record<string, Release> = {};
  /** Image → how its build answers, for the app's stand-in. */
  readonly builds = new Map<string, StandInBuild>();

  constructor(
    private readonly engine: EngineProject,
    private readonly github: FakeGitHub,
    readonly stack: string,
  ) {}

  /** Commits the stack file as it is now (after `edit`), as release `name` with `image`, and attests it. */
  release(
    name: string,
    hex: string,
    build: Omit<StandInBuild, "commit"> | "failing-deploy",
    edit?: (config: Record<string, any>) => void,
  ): Release {
    if (edit) {
      const file = this.engine.stackFile(this.stack);
      const document = parse(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
      edit(document.config);
      writeFileSync(file, stringify(document));
    }
    const commit = this.engine.commitAll(`release ${name}`);
    const made = { commit, image: imageOf(hex) };
    this.builds.set(made.image, build === "failing-deploy" ? { commit } : { ...build, commit });
    this.attested.push({ release: made });
    this.github.addHistory([commit], Object.values(this.releases).at(-1)?.commit);
    this.releases[name] = made;
    return made;
  }

  /** The gate the pipeline's deploy job passes a release through: order and provenance. */
  gate(): ReleaseGate {
    const client = createGitHub(this.github.token, { baseUrl: this.github.apiUrl });
    return releaseGate(
      githubCompare(client, repositoryOf(REPOSITORY)),
      { repository: REPOSITORY, imageRepository: IMAGES, attestations: true },
      attestationsFor(this.attested),
    );
  }

  /**
   * `npm run deploy` of a release, as the pipeline's deploy job runs it, with a short smoke test:
   * 10 s, long enough for a loaded machine's controllers to report a finished rollout (2 s was
   * not, with the other core busy), short enough that a release meant to fail fails soon.
   */
  deploy(made: Release, options: Partial<DeployOptions> = {}) {
    const client = createGitHub(this.github.token, { baseUrl: this.github.apiUrl });
    const repository = repositoryOf(REPOSITORY);
    return deployStack({
      stack: this.stack,
      projectDir: this.engine.dir,
      env: this.engine.env,
      release: made,
      gate: this.gate(),
      history: githubDeploymentHistory(client, repository, {
        stack: this.stack,
        logUrl: "https://run.test/1",
        production: false,
      }),
      onRollbackFailed: async (failure) =>
        void (await reportFailedRollback(client, repository, failure, "https://run.test/1")),
      smoke: { timeoutMs: 10_000, intervalMs: 250 },
      log: () => undefined,
      ...options,
    });
  }

  /** `npm run deploy-plan` of a release, as the pipeline's plan job runs it: the plan saved to `planFile`. */
  plan(made: Release, planFile: string) {
    return planDeploy({
      stack: this.stack,
      release: made,
      planFile,
      gate: this.gate(),
      outDir: join(this.engine.dir, "..", "plans"),
      projectDir: this.engine.dir,
      env: this.engine.env,
    });
  }

  /** The states of each GitHub deployment of a commit, oldest state first. */
  deploymentsOf(commit: string): string[][] {
    return this.github.deployments
      .filter((d) => d.ref === commit)
      .map((d) => (this.github.deploymentStatuses.get(d.id) ?? []).map((s) => s.state).reverse());
  }
}
