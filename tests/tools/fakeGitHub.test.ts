import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ACTIONS_BOT_ACTOR, FakeGitHub } from "../support/fakeGitHub";

const requireHere = createRequire(__filename);
const SCENARIOS = join(requireHere.resolve("@octokit/fixtures/package.json"), "..", "scenarios", "api.github.com");

/** One interaction of an @octokit/fixtures scenario: a real request to GitHub and its answer, recorded. */
interface Recorded {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string>;
}
const recorded = (scenario: string): Recorded[] =>
  JSON.parse(readFileSync(join(SCENARIOS, scenario, "normalized-fixture.json"), "utf8")) as Recorded[];

/** The value's shape: each key's type, nested; an array by its first element. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
}

/** Fails unless every key the fake answers is one GitHub answered, with the same type (null stands for any). */
function assertShapeWithin(fake: unknown, real: unknown, path = "$"): void {
  if (real === "null" || fake === "null") return;
  if (typeof real === "string" || typeof fake === "string") {
    assert.equal(fake, real, `${path}: the fake answers ${String(fake)} where GitHub answered ${String(real)}`);
    return;
  }
  if (Array.isArray(real)) {
    assert.ok(Array.isArray(fake), `${path}: GitHub answered a list`);
    if (fake.length > 0 && real.length > 0) assertShapeWithin(fake[0], real[0], `${path}[0]`);
    return;
  }
  const realKeys = real as Record<string, unknown>;
  for (const [key, inner] of Object.entries(fake as Record<string, unknown>)) {
    assert.ok(key in realKeys, `${path}.${key}: GitHub's recorded answer has no such key`);
    assertShapeWithin(inner, realKeys[key], `${path}.${key}`);
  }
}

describe("the fake GitHub, checked against real sessions recorded by @octokit/fixtures", () => {
  let fake: FakeGitHub;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${fake.apiUrl}${path}`, {
      method,
      headers: { authorization: `token ${fake.token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
  });
  afterEach(() => fake.stop());

  it("create-status: creates a commit status and lists it, in GitHub's shape", async () => {
    const [created, , listed] = recorded("create-status");
    const sha = "0".repeat(39) + "1";
    const answer = await api("POST", `/repos/acme/shop/statuses/${sha}`, {
      state: "failure",
      target_url: "https://example.com",
      description: "create-status failure test",
      context: "example/1",
    });
    assert.equal(answer.status, created.status);
    assert.equal((answer.body as { creator: { login: string } }).creator.login, ACTIONS_BOT_ACTOR.login);
    assertShapeWithin(shape(answer.body), shape(created.response));
    const list = await api("GET", `/repos/acme/shop/commits/${sha}/statuses`);
    assert.equal(list.status, listed.status);
    assertShapeWithin(shape(list.body), shape(listed.response));
  });

  it("paginate-issues: pages a list with a Link header as GitHub does", async () => {
    const [first] = recorded("paginate-issues");
    for (let i = 1; i <= 5; i++) fake.addIssue(i);
    const answer = await api("GET", "/repos/acme/shop/issues?per_page=3");
    assert.equal(answer.status, first.status);
    assertShapeWithin(shape(answer.body), shape(first.response));
    const next = /<([^>]+)>; rel="next"/;
    assert.match(first.headers.link, next);
    const link = answer.headers.get("link") ?? "";
    assert.match(link, next);
    assert.equal(new URL(next.exec(link)![1]).searchParams.get("page"), "2");
  });

  it("branch-protection: says 'Branch not protected', and holds required checks in GitHub's shape", async () => {
    const [unprotected, , withChecks] = recorded("branch-protection");
    const none = await api("GET", "/repos/acme/shop/branches/main/protection");
    assert.equal(none.status, unprotected.status);
    assert.equal((none.body as { message: string }).message, (unprotected.response as { message: string }).message);
    fake.protectedChecks = ["skyport / preview"];
    const protectedAnswer = await api("GET", "/repos/acme/shop/branches/main/protection");
    assertShapeWithin(shape(protectedAnswer.body), shape(withChecks.response));
  });

  it("errors: refuses an invalid request with 422 and GitHub's errors list", async () => {
    const [invalid] = recorded("errors");
    const answer = await api("POST", `/repos/acme/shop/statuses/${"a".repeat(40)}`, { state: "purple" });
    assert.equal(answer.status, invalid.status);
    assertShapeWithin(shape(answer.body), shape(invalid.response));
    assert.equal((answer.body as { message: string }).message, "Validation Failed");
  });
});
