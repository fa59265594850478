import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import {
  attestationMismatch,
  checkProvenance,
  ghAttestations,
  ProvenanceError,
} from "../../tools/lib/deploy/provenance";
import { releaseGate } from "../../tools/lib/deploy/releaseGate";
import { gitCompare, githubCompare, releaseOrder } from "../../tools/lib/deploy/releaseOrder";
import { repositoryOf } from "../../tools/lib/github/environment";
import { createGitHub } from "../../tools/lib/github/octokit";
import { attestationOf, attestationsFor } from "../support/attestations";
import { FakeGitHub } from "../support/fakeGitHub";

const REPO = repositoryOf("acme/shop");
const sha = (n: number) => n.toString(16).padStart(40, "0");
const image = (hex: string) => `ghcr.io/acme/shop-app@sha256:${hex.repeat(64 / hex.length)}`;
const POLICY = { repository: "acme/shop", imageRepository: "ghcr.io/acme/shop-app", attestations: true };
const RELEASE = { commit: sha(1), image: image("a1") };

describe("what a deploy checks before it applies anything: provenance", () => {
  it("accepts the pipeline's own provenance of the release's commit, naming the build", async () => {
    assert.equal(attestationMismatch(attestationOf(RELEASE), RELEASE.image, RELEASE.commit, POLICY), undefined);
    assert.deepEqual(
      await checkProvenance(RELEASE.image, RELEASE.commit, POLICY, attestationsFor([{ release: RELEASE }])),
      {
        verified: true,
        build: "https://github.com/acme/shop/actions/runs/4242/attempts/1",
      },
    );
  });

  const refusals: Array<[string, Parameters<typeof attestationsFor>[0], string, RegExp]> = [
    [
      "another workflow's",
      [
        {
          release: RELEASE,
          change: { buildSignerURI: "https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main" },
        },
      ],
      "acme/shop",
      /signed by https:\/\/github\.com\/acme\/shop\/\.github\/workflows\/release\.yml@refs\/heads\/main, not https:\/\/github\.com\/acme\/shop\/\.github\/workflows\/pipeline\.yml@refs\/heads\/main/,
    ],
    [
      "another branch's",
      [
        {
          release: RELEASE,
          change: {
            sourceRepositoryRef: "refs/heads/feature",
            buildSignerURI: "https://github.com/acme/shop/.github/workflows/pipeline.yml@refs/heads/feature",
          },
        },
      ],
      "acme/shop",
      /pipeline\.yml@refs\/heads\/feature, not .*pipeline\.yml@refs\/heads\/main/,
    ],
    [
      "another repository's",
      [{ release: RELEASE }],
      "mallory/shop",
      /built from https:\/\/github\.com\/mallory\/shop, not https:\/\/github\.com\/acme\/shop/,
    ],
    ["none at all", [], "acme/shop", /has no attestation that verifies: no attestations found/],
    [
      "another commit's",
      [{ release: { ...RELEASE, commit: sha(2) } }],
      "acme/shop",
      new RegExp(`built from commit ${sha(2)}, not ${sha(1)}`),
    ],
  ];
  for (const [what, releases, repository, reason] of refusals) {
    it(`refuses ${what} provenance, saying what did not fit`, async () => {
      await assert.rejects(
        checkProvenance(RELEASE.image, RELEASE.commit, POLICY, attestationsFor(releases, repository)),
        (err: Error) => err instanceof ProvenanceError && reason.test(err.message),
      );
    });
  }

  it("refuses an image from anywhere but the pipeline's image repository, attestations or not", async () => {
    for (const attestations of [true, false]) {
      await assert.rejects(
        checkProvenance("docker.io/mallory/app@sha256:" + "b2".repeat(32), RELEASE.commit, { ...POLICY, attestations }),
        /is not from ghcr\.io\/acme\/shop-app, the image repository this repository's pipeline pushes to/,
      );
    }
  });

  it("with attestations off, accepts the pipeline's image repository and says provenance was not verified", async () => {
    const source = attestationsFor([]);
    const found = await checkProvenance(RELEASE.image, RELEASE.commit, { ...POLICY, attestations: false }, source);
    assert.deepEqual(found, {
      verified: false,
      reason:
        "provenance not verified (attestations are off: SKYPORT_ATTESTATIONS); only the image repository, ghcr.io/acme/shop-app, was checked",
    });
    assert.deepEqual(source.asked, [], "no attestation was asked for");
  });
});

describe("what a deploy checks before it applies anything: order, through GitHub's compare API", () => {
  let fake: FakeGitHub;
  let compare: ReturnType<typeof githubCompare>;
  before(async () => {
    fake = await new FakeGitHub().start();
    fake.addHistory([sha(1), sha(2), sha(3)]);
    fake.addHistory([sha(9)], sha(1));
    compare = githubCompare(createGitHub(fake.token, { baseUrl: fake.apiUrl }), REPO);
  });
  after(() => fake.stop());

  it("goes forward from the deployed commit, and anything goes on a stack with no record", async () => {
    assert.deepEqual(await releaseOrder(compare, sha(1), sha(3), false), { kind: "forward" });
    assert.deepEqual(await releaseOrder(compare, sha(2), sha(2), false), { kind: "forward" });
    assert.deepEqual(await releaseOrder(compare, undefined, sha(1), false), { kind: "first" });
  });

  it("calls an older commit superseded, and lets it deploy only as an explicit rollback", async () => {
    assert.deepEqual(await releaseOrder(compare, sha(3), sha(2), false), { kind: "superseded", deployed: sha(3) });
    assert.deepEqual(await releaseOrder(compare, sha(3), sha(2), true), { kind: "back", deployed: sha(3) });
  });

  it("refuses a commit on another line of history, naming both commits, rollback or not", async () => {
    const gate = releaseGate(compare, POLICY, attestationsFor([{ release: { commit: sha(9), image: RELEASE.image } }]));
    for (const rollback of [false, true]) {
      const checked = await gate.check(
        { commit: sha(9), image: RELEASE.image },
        { commit: sha(3), image: image("c3") },
        rollback,
      );
      assert.deepEqual(checked, {
        kind: "refused",
        reason: `${sha(9)} does not descend from ${sha(3)}, the commit the stack last deployed, nor the other way round; deploys only go forward along main`,
      });
    }
  });

  it("checks provenance only for a release that may deploy", async () => {
    const source = attestationsFor([{ release: { commit: sha(2), image: RELEASE.image } }]);
    const gate = releaseGate(compare, POLICY, source);
    const superseded = await gate.check(
      { commit: sha(2), image: RELEASE.image },
      { commit: sha(3), image: image("c3") },
      false,
    );
    assert.deepEqual(superseded, { kind: "superseded", deployed: sha(3) });
    assert.deepEqual(source.asked, []);
    const back = await gate.check(
      { commit: sha(2), image: RELEASE.image },
      { commit: sha(3), image: image("c3") },
      true,
    );
    assert.equal(back.kind, "go");
  });
});

describe("the gate's two real sources: gh attestation verify, and git", () => {
  const made: string[] = [];
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("asks gh for the image's SLSA provenance, signed by this repository's pipeline on main, and reads its JSON", async () => {
    const bin = mkdtempSync(join(tmpdir(), "skyport-gh-"));
    made.push(bin);
    const record = join(bin, "args");
    writeFileSync(
      join(bin, "gh"),
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(record)}\ncat ${JSON.stringify(join(PROJECT_DIR, "tests", "fixtures", "attestations", "pipeline-provenance.json"))}\n`,
      { mode: 0o755 },
    );
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const found = await checkProvenance(
        image("a1"),
        "aaaa000000000000000000000000000000000001",
        POLICY,
        ghAttestations,
      );
      assert.equal(found.verified, true);
    } finally {
      process.env.PATH = path;
    }
    assert.deepEqual(readFileSync(record, "utf8").trim().split("\n"), [
      "attestation",
      "verify",
      `oci://${image("a1")}`,
      "--repo",
      "acme/shop",
      "--signer-workflow",
      "acme/shop/.github/workflows/pipeline.yml",
      "--source-ref",
      "refs/heads/main",
      "--predicate-type",
      "https://slsa.dev/provenance/v1",
      "--format",
      "json",
    ]);
  });

  it("compares commits with git in a clone, as GitHub would", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skyport-git-"));
    made.push(dir);
    const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();
    git("init", "-q", "-b", "main");
    const commit = (message: string) => {
      git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    };
    const [a, b] = [commit("a"), commit("b")];
    git("checkout", "-q", "-b", "side", a);
    const side = commit("side");
    const compare = gitCompare(dir);
    assert.deepEqual(await Promise.all([compare(a, b), compare(b, a), compare(a, a), compare(b, side)]), [
      "ahead",
      "behind",
      "identical",
      "diverged",
    ]);
  });
});
