import assert from "node:assert/strict";
import { githubDeploymentHistory } from "../../tools/lib/github/deploymentHistory";
import { repositoryOf } from "../../tools/lib/github/environment";
import { createGitHub } from "../../tools/lib/github/octokit";
import { FakeGitHub } from "../support/fakeGitHub";

const REPO = repositoryOf("acme/shop");
const release = (n: number) => ({
  commit: n.toString(16).padStart(40, "0"),
  image: `ghcr.io/acme/shop-app@sha256:${String(n).repeat(64).slice(0, 64)}`,
});

describe("the deploy history, as GitHub deployments of each stack's environment", () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
  });
  afterEach(() => fake.stop());
  const statesOf = (id: number) => (fake.deploymentStatuses.get(id) ?? []).map((s) => s.state).reverse();

  for (const production of [false, true]) {
    it(`records each deploy with its commit and image, and makes the earlier successful ones inactive (${production ? "a production" : "a staging"} environment)`, async () => {
      const history = githubDeploymentHistory(createGitHub(fake.token, { baseUrl: fake.apiUrl }), REPO, {
        stack: "production",
        logUrl: "https://run.test/7",
        production,
      });
      const first = await history.start(release(1), "first");
      await history.succeed(first, "https://shop.example.com", "live");
      const second = await history.start(release(2), "second");
      await history.fail(second, "smoke test failed");
      const third = await history.start(release(3), "third");
      await history.succeed(third, "https://shop.example.com", "live");

      const [deployment] = fake.deployments.filter((d) => d.id === first);
      assert.deepEqual(
        {
          ref: deployment.ref,
          environment: deployment.environment,
          payload: deployment.payload,
          production: deployment.production_environment,
        },
        {
          ref: release(1).commit,
          environment: "production",
          payload: { image: release(1).image, stack: "production" },
          production,
        },
      );
      assert.deepEqual(statesOf(first), ["in_progress", "success", "inactive"]);
      assert.deepEqual(statesOf(second), ["in_progress", "failure"]);
      assert.deepEqual(statesOf(third), ["in_progress", "success"]);
      const live = fake.deploymentStatuses.get(third)![0];
      assert.deepEqual([live.environment_url, live.log_url], ["https://shop.example.com", "https://run.test/7"]);
    });
  }
});
