import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { driftMarker, syncDriftIssue } from "../../tools/lib/github/driftIssue";
import { repositoryOf } from "../../tools/lib/github/environment";
import { createGitHub, type GitHub } from "../../tools/lib/github/octokit";
import { upsertComment } from "../../tools/lib/github/upsertComment";
import { readStackPreview } from "../../tools/lib/report/previewDocument";
import { COMMENT_MARKER } from "../../tools/lib/report/renderComment";
import { ACTIONS_BOT_ACTOR, FakeGitHub, REVIEWER } from "../support/fakeGitHub";
import { setPreviewStatus } from "../../tools/lib/github/commitStatus";

const REPO = repositoryOf("acme/shop");
const FIXTURES = join(__dirname, "..", "fixtures", "previews");

/** The drift check's preview the real engine wrote: Render's instance count changed by hand. */
const driftPreview = (stack: string) =>
  readStackPreview(
    stack,
    readFileSync(join(FIXTURES, "staging-drift.json"), "utf8"),
    "unknown",
    readFileSync(join(FIXTURES, "staging-drift.events.jsonl"), "utf8"),
  );

/** A client against the fake, with back-off short enough for a test. */
const clientFor = (fake: FakeGitHub, token = fake.token) =>
  createGitHub(token, { baseUrl: fake.apiUrl, retryAfterBaseValue: 10 });

describe("GitHub: the one preview comment, and drift issues", () => {
  let fake: FakeGitHub;
  let github: GitHub;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    github = clientFor(fake);
  });
  afterEach(() => fake.stop());

  it("finds the marked comment on the last of several pages and edits it in place", async () => {
    fake.addIssue(7);
    for (let i = 0; i < 75; i++) fake.addComment(7, `review comment ${i}`);
    const mine = fake.addComment(7, `${COMMENT_MARKER}\nold preview`, ACTIONS_BOT_ACTOR);
    const result = await upsertComment(github, REPO, 7, `${COMMENT_MARKER}\nnew preview`, COMMENT_MARKER);
    assert.deepEqual(result, { action: "updated", id: mine.id });
    assert.equal(mine.body, `${COMMENT_MARKER}\nnew preview`);
    assert.equal(fake.issues.get(7)!.comments.length, 76, "no second comment");
    assert.equal(fake.requests.filter((r) => r.method === "GET").length, 3, "read all three pages");
  });

  it("creates the comment the first time, and edits that one on the next push", async () => {
    fake.addIssue(8);
    fake.addComment(8, "LGTM");
    const first = await upsertComment(github, REPO, 8, `${COMMENT_MARKER}\none`, COMMENT_MARKER);
    const second = await upsertComment(github, REPO, 8, `${COMMENT_MARKER}\ntwo`, COMMENT_MARKER);
    assert.equal(first.action, "created");
    assert.deepEqual(second, { action: "updated", id: first.id });
    assert.deepEqual(
      fake.issues.get(8)!.comments.map((c) => c.body),
      ["LGTM", `${COMMENT_MARKER}\ntwo`],
    );
  });

  it("never edits a marker comment someone else wrote: it makes its own", async () => {
    fake.addIssue(5);
    const planted = fake.addComment(5, `${COMMENT_MARKER}\n✅ all good, merge me`, REVIEWER);
    const quoted = fake.addComment(5, `> ${COMMENT_MARKER}\nquoting the bot`, ACTIONS_BOT_ACTOR);
    const result = await upsertComment(github, REPO, 5, `${COMMENT_MARKER}\nthe real preview`, COMMENT_MARKER);
    assert.equal(result.action, "created");
    assert.equal(planted.body, `${COMMENT_MARKER}\n✅ all good, merge me`, "the planted comment is untouched");
    assert.equal(
      quoted.body,
      `> ${COMMENT_MARKER}\nquoting the bot`,
      "a comment that only quotes the marker is not it",
    );
    assert.equal(fake.issues.get(5)!.comments.at(-1)?.user.login, "github-actions[bot]");
  });

  it("leaves a newer commit's comment alone: an older head's run posts nothing and names its successor", async () => {
    const older = "a".repeat(40);
    const newer = "b".repeat(40);
    fake.addPullRequest(6, { headSha: newer });
    const current = await upsertComment(github, REPO, 6, `${COMMENT_MARKER}\nof ${newer}`, COMMENT_MARKER, {
      headSha: newer,
    });
    assert.equal(current.action, "created");
    const stale = await upsertComment(github, REPO, 6, `${COMMENT_MARKER}\nof ${older}`, COMMENT_MARKER, {
      headSha: older,
    });
    assert.deepEqual(stale, { action: "superseded", head: newer });
    assert.deepEqual(
      fake.issues.get(6)!.comments.map((c) => c.body),
      [`${COMMENT_MARKER}\nof ${newer}`],
    );
  });

  it("sets the required status on the previewed commit: success, or failure naming the blocked stacks", async () => {
    const sha = "c".repeat(40);
    await setPreviewStatus(github, REPO, sha, { stacks: 3, blocked: [], targetUrl: "https://run.test/9" });
    await setPreviewStatus(github, REPO, sha, {
      stacks: 3,
      blocked: [
        { stack: "production", reason: "1 mandatory policy violation(s): minimum-instances" },
        { stack: "staging", reason: "error" },
      ],
    });
    assert.deepEqual(
      fake.statuses.get(sha)?.map((s) => ({ state: s.state, context: s.context, description: s.description })),
      [
        { state: "failure", context: "skyport / preview", description: "2 of 3 failed: production, staging" },
        { state: "success", context: "skyport / preview", description: "all 3 stack preview(s) passed" },
      ],
    );
  });

  it("fails at once with GitHub's status and message when GitHub refuses", async () => {
    const denied = clientFor(fake, "wrong");
    await assert.rejects(upsertComment(denied, REPO, 1, "x", COMMENT_MARKER), (err: Error & { status?: number }) => {
      assert.equal(err.status, 401);
      assert.match(err.message, /Bad credentials/);
      return true;
    });
    assert.equal(fake.requests.length, 1, "a 401 is not retried");
  });

  it("retries a server error, and waits out a secondary rate limit, then succeeds", async () => {
    fake.addIssue(9);
    fake.failures.push(
      { status: 502, message: "Server Error" },
      { status: 403, headers: { "retry-after": "1" }, message: "You have exceeded a secondary rate limit" },
    );
    const result = await upsertComment(
      github,
      REPO,
      9,
      `${COMMENT_MARKER}
after the storm`,
      COMMENT_MARKER,
    );
    assert.equal(result.action, "created");
    assert.equal(fake.issues.get(9)!.comments.length, 1);
    assert.equal(fake.requests.length, 4, "502, 403 rate limit, then the list and the create");
  });

  it("opens one issue per drifted stack with the same report as the PR comment, updates it while drift stays, and closes it when drift is gone", async () => {
    for (let i = 1; i <= 40; i++) fake.addIssue(i, { labels: [{ name: "drift" }], body: `other ${i}` });
    const opened = await syncDriftIssue(github, REPO, "production", {
      preview: driftPreview("production"),
      runUrl: "https://x/run/1",
    });
    assert.equal(opened.action, "opened");
    const issue = fake.issues.get(opened.number!)!;
    assert.equal(issue.title, "Drift detected in stack production");
    assert.ok(issue.body.startsWith(driftMarker("production")));
    assert.deepEqual(issue.labels, [{ name: "drift" }]);
    assert.match(issue.body, /## Drift in `production`/);
    assert.match(issue.body, /\| `production` \| render \| 0 \| 1 \| 0 \| 0 \| ✅ ready \|/);
    assert.match(
      issue.body,
      /\| update \| `skyport-render:index:Service` \| `shop-api-service` \| `numInstances`: `3` → `1` \|/,
    );
    assert.match(issue.body, /\[Workflow run\]\(https:\/\/x\/run\/1\)/);

    const again = await syncDriftIssue(github, REPO, "production", {
      preview: driftPreview("production"),
      runUrl: "https://x/run/2",
    });
    assert.deepEqual(again, { action: "updated", number: opened.number });
    assert.match(issue.body, /run\/2/);
    assert.equal([...fake.issues.values()].filter((i) => i.body.includes(driftMarker("production"))).length, 1);

    assert.deepEqual(await syncDriftIssue(github, REPO, "staging", {}), { action: "none" });
    const closed = await syncDriftIssue(github, REPO, "production", { runUrl: "https://x/run" });
    assert.deepEqual(closed, { action: "closed", number: opened.number });
    assert.equal(issue.state, "closed");
    assert.match(issue.comments[0].body, /No drift in `production` any more/);
  });
});
