import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer } from "../support/appServer";
import { launchChromium } from "../support/browser";

describe("app: the dashboard in headless Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    server = await startTestServer({
      APP_VERSION: "3.1.4",
      GIT_COMMIT: "c0ffee1",
      ENVIRONMENT: "staging",
      PLATFORM: "render",
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.goto(server.baseUrl, { waitUntil: "load" });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the release: environment, version, commit and platform", async () => {
    await page.waitForFunction(() => document.getElementById("version")?.textContent === "3.1.4");
    assert.equal(await page.textContent("#environment"), "staging");
    assert.equal(await page.textContent("#commit"), "c0ffee1");
    assert.equal(await page.textContent("#platform"), "render");
  });

  it("shows live health", async () => {
    await page.waitForFunction(() => document.getElementById("health")?.dataset.state === "ok");
    assert.equal(await page.textContent("#health"), "health: ok");
  });

  it("creates an item through the API and shows the answer", async () => {
    await page.fill("#item-name", "made in chromium");
    await page.click("#create-item");
    await page.waitForFunction(() => document.getElementById("answer-status")?.textContent?.includes("201"));
    const answer = JSON.parse((await page.textContent("#answer")) ?? "{}");
    assert.equal(answer.name, "made in chromium");

    await page.click("#list-items");
    await page.waitForFunction(
      () => document.getElementById("answer-status")?.textContent === "GET /api/v1/items → 200",
    );
    const listing = JSON.parse((await page.textContent("#answer")) ?? "{}");
    assert.deepEqual(
      listing.items.map((item: { name: string }) => item.name),
      ["made in chromium"],
    );
  });

  it("loads with no script errors and nothing from another origin", async () => {
    assert.deepEqual(pageErrors, []);
    const external = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((url) => !url.startsWith(location.origin)),
    );
    assert.deepEqual(external, []);
  });
});
