import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repositoryOf } from "../../tools/lib/github/environment";
import { FORK_PULL_REQUEST_FILE, parseForkClaim, verifyForkPullRequest } from "../../tools/lib/github/forkPullRequest";
import { commentOnMergedPullRequests } from "../../tools/lib/github/mergedPullRequests";
import { createGitHub, type GitHub } from "../../tools/lib/github/octokit";
import { COMMENT_MARKER } from "../../tools/lib/report/renderComment";
import { readStackCatalog } from "../../tools/lib/stacks/stackCatalog";
import { FakeGitHub } from "../support/fakeGitHub";
import { runCli } from "../support/runCli";

const REPO = repositoryOf("acme/shop");
const HEAD = "a".repeat(40);
const MERGE = "b".repeat(40);

/** `npm run fork-comment -- <args>` against the fake, without npm in between. */
function forkComment(fake: FakeGitHub, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli("fork-comment", args, {
    env: { GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.apiUrl, GITHUB_REPOSITORY: "acme/shop" },
  }).then(({ status, stdout, stderr }) => ({ code: status ?? 1, stdout, stderr }));
}

/** An offline plan document as a fork's run writes it, with whatever platform text it likes. */
const offlinePlan = (stack: string, platform: string, violations: unknown[] = []) =>
  JSON.stringify({
    stack,
    platform,
    resources: [
      { type: "pulumi:pulumi:Stack", name: `skyport-${stack}` },
      { type: "skyport:platform:Render", name: "shop-api" },
    ],
    outputs: {},
    policyViolations: violations,
  });

describe("GitHub: the merged pull request's plan comment, and a fork's comment through workflow_run", () => {
  let fake: FakeGitHub;
  let github: GitHub;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    github = createGitHub(fake.token, { baseUrl: fake.apiUrl, retryAfterBaseValue: 10 });
  });
  afterEach(() => fake.stop());

  it("comments the production plan on the pull request whose merge made the commit, and on no other", async () => {
    fake.addPullRequest(12, { headSha: HEAD, mergeCommit: MERGE });
    fake.addPullRequest(13, { headSha: MERGE });
    const commented = await commentOnMergedPullRequests(github, REPO, MERGE, "## Plan for production");
    assert.deepEqual(commented, [12]);
    assert.deepEqual(
      fake.issues.get(12)!.comments.map((c) => c.body),
      ["## Plan for production"],
    );
    assert.equal(fake.issues.get(13)!.comments.length, 0);
    assert.deepEqual(await commentOnMergedPullRequests(github, REPO, "c".repeat(40), "x"), [], "a direct push");
  });

  it("reads a fork's claim only as {number, headSha}", () => {
    assert.deepEqual(parseForkClaim(JSON.stringify({ number: 7, headSha: HEAD })), { number: 7, headSha: HEAD });
    assert.throws(() => parseForkClaim("not json"), /pull-request\.json is not JSON/);
    assert.throws(
      () => parseForkClaim(JSON.stringify({ number: "7; rm -rf", headSha: HEAD })),
      /not \{number, headSha\}/,
    );
    assert.throws(
      () => parseForkClaim(JSON.stringify({ number: 7, headSha: HEAD, extra: 1 })),
      /not \{number, headSha\}/,
    );
  });

  it("believes a fork's claim only when GitHub agrees: the run's own commit, an open pull request with that head", async () => {
    fake.addPullRequest(7, { headSha: HEAD, headRepo: "mallory/shop" });
    fake.addPullRequest(8, { headSha: "d".repeat(40), headRepo: "mallory/shop" });
    fake.addPullRequest(9, { headSha: HEAD, mergeCommit: MERGE });
    assert.equal(await verifyForkPullRequest(github, REPO, { number: 7, headSha: HEAD }, HEAD), 7);
    await assert.rejects(
      verifyForkPullRequest(github, REPO, { number: 7, headSha: HEAD }, "e".repeat(40)),
      /the artifact claims commit a{40}, but the run built e{40}/,
    );
    await assert.rejects(
      verifyForkPullRequest(github, REPO, { number: 8, headSha: HEAD }, HEAD),
      /pull request #8 is open with head d{40}, not open at a{40}/,
    );
    await assert.rejects(
      verifyForkPullRequest(github, REPO, { number: 9, headSha: HEAD }, HEAD),
      /pull request #9 is closed/,
    );
  });

  it("posts a fork's comment from its artifact as inert data, reads only this repository's stacks, and gives the verdict", async () => {
    const artifact = mkdtempSync(join(tmpdir(), "skyport-fork-"));
    try {
      fake.addPullRequest(7, { headSha: HEAD, headRepo: "mallory/shop" });
      writeFileSync(join(artifact, FORK_PULL_REQUEST_FILE), JSON.stringify({ number: 7, headSha: HEAD }));
      const { stacks } = readStackCatalog();
      for (const stack of stacks) {
        writeFileSync(join(artifact, `${stack}.json`), offlinePlan(stack, "render"));
      }
      writeFileSync(
        join(artifact, "staging.json"),
        offlinePlan("staging", "render <img src=x onerror=alert(1)> [click](https://evil.test) @everyone"),
      );
      writeFileSync(join(artifact, "injected.json"), offlinePlan("injected", "render"));

      const passed = await forkComment(fake, [
        "--dir",
        artifact,
        "--head-sha",
        HEAD,
        "--run-url",
        "https://run.test/1",
      ]);
      assert.equal(passed.code, 0, passed.stderr + passed.stdout);
      const [comment] = fake.issues.get(7)!.comments;
      assert.ok(comment.body.startsWith(COMMENT_MARKER));
      for (const stack of stacks) assert.match(comment.body, new RegExp(`\\| \`${stack}\` \\|`));
      assert.doesNotMatch(comment.body, /injected/, "a file that is not one of this repository's stacks is not read");
      assert.doesNotMatch(comment.body, /<img|(?<!\\)\[click|@everyone/, "no HTML, link or mention");
      assert.match(
        comment.body,
        /render &lt;img src=x onerror=alert\(1\)&gt; \\\[click\\\]\(https:\/\/evil\.test\) &#64;everyone/,
      );
      const [status] = fake.statuses.get(HEAD) ?? [];
      assert.deepEqual(
        { state: status?.state, context: status?.context, target: status?.target_url, by: status?.creator.login },
        { state: "success", context: "skyport / preview", target: "https://run.test/1", by: "github-actions[bot]" },
        "the required status, on the pull request's head commit",
      );

      writeFileSync(
        join(artifact, "production.json"),
        offlinePlan("production", "ecs", [
          { policy: "minimum-instances", level: "mandatory", message: "1 instance; 2 required" },
        ]),
      );
      const failed = await forkComment(fake, ["--dir", artifact, "--head-sha", HEAD]);
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /::error title=Preview of production failed::.*minimum-instances/);
      assert.equal(fake.issues.get(7)!.comments.length, 1, "the one comment is edited, not added to");
      assert.match(fake.issues.get(7)!.comments[0].body, /minimum-instances/);
      assert.deepEqual(
        fake.statuses.get(HEAD)?.map((s) => [s.state, s.description]),
        [
          ["failure", `1 of ${stacks.length} failed: production`],
          ["success", `all ${stacks.length} stack preview(s) passed`],
        ],
      );

      const lying = await forkComment(fake, ["--dir", artifact, "--head-sha", "f".repeat(40)]);
      assert.equal(lying.code, 1);
      assert.match(lying.stderr, /the artifact claims commit a{40}, but the run built f{40}/);
    } finally {
      rmSync(artifact, { recursive: true, force: true });
    }
  });
});
