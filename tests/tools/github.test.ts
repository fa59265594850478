import assert from "node:assert/strict";
import { driftMarker, syncDriftIssue } from "../../tools/github/driftIssue";
import { GitHubClient } from "../../tools/github/githubClient";
import { upsertComment } from "../../tools/github/upsertComment";
import { COMMENT_MARKER } from "../../tools/previewComment/renderComment";
import { FakeGitHub } from "../support/fakeGitHub";

const REPO = "acme/shop";

describe("GitHub: the one preview comment, and drift issues", () => {
  let fake: FakeGitHub;
  let github: GitHubClient;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    github = new GitHubClient(fake.token, fake.apiUrl);
  });
  afterEach(() => fake.stop());

  it("finds the marked comment on the last of several pages and edits it in place", async () => {
    fake.addIssue(7);
    for (let i = 0; i < 75; i++) fake.addComment(7, `review comment ${i}`);
    const mine = fake.addComment(7, `${COMMENT_MARKER}\nold preview`);
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

  it("fails with the status when GitHub refuses", async () => {
    const denied = new GitHubClient("wrong", fake.apiUrl);
    await assert.rejects(
      upsertComment(denied, REPO, 1, "x", COMMENT_MARKER),
      /GitHub API GET \/repos\/acme\/shop\/issues\/1\/comments failed: HTTP 401/,
    );
  });

  it("opens one issue per drifted stack, updates it while drift stays, and closes it when drift is gone", async () => {
    for (let i = 1; i <= 40; i++) fake.addIssue(i, { labels: [{ name: "drift" }], body: `other ${i}` });
    const opened = await syncDriftIssue(github, REPO, "production", {
      drifted: true,
      details: "~ aws:ecs/service:Service shop-api-service",
    });
    assert.equal(opened.action, "opened");
    const issue = fake.issues.get(opened.number!)!;
    assert.equal(issue.title, "Drift detected in stack production");
    assert.ok(issue.body.includes(driftMarker("production")));
    assert.deepEqual(issue.labels, [{ name: "drift" }]);

    const again = await syncDriftIssue(github, REPO, "production", { drifted: true, details: "~ now two resources" });
    assert.deepEqual(again, { action: "updated", number: opened.number });
    assert.match(issue.body, /now two resources/);
    assert.equal([...fake.issues.values()].filter((i) => i.body.includes(driftMarker("production"))).length, 1);

    assert.deepEqual(await syncDriftIssue(github, REPO, "staging", { drifted: false, details: "" }), {
      action: "none",
    });
    const closed = await syncDriftIssue(github, REPO, "production", {
      drifted: false,
      details: "",
      runUrl: "https://x/run",
    });
    assert.deepEqual(closed, { action: "closed", number: opened.number });
    assert.equal(issue.state, "closed");
    assert.match(issue.comments[0].body, /No drift in `production` any more/);
  });
});
