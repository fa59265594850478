import assert from "node:assert/strict";
import { AppConfigError, loadConfig } from "../../app/src/config";

describe("app: configuration from the environment", () => {
  it("applies the documented defaults", () => {
    assert.deepEqual(loadConfig({}), {
      PORT: 3000,
      HOST: "0.0.0.0",
      ENVIRONMENT: "development",
      APP_VERSION: "0.0.0-dev",
      GIT_COMMIT: "unknown",
      PLATFORM: "local",
      LOG_LEVEL: "info",
      SHUTDOWN_GRACE_MS: 10_000,
      ITEMS_MAX: 10_000,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      ENVIRONMENT: "production",
      APP_VERSION: "2.0.0",
      GIT_COMMIT: "deadbeef",
      PLATFORM: "ecs",
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_MS: "2500",
      ITEMS_MAX: "50",
    });
    assert.equal(config.PORT, 8080);
    assert.equal(config.PLATFORM, "ecs");
    assert.equal(config.LOG_LEVEL, "warn");
    assert.equal(config.SHUTDOWN_GRACE_MS, 2500);
    assert.equal(config.ITEMS_MAX, 50);
  });

  it("treats an empty variable as unset", () => {
    assert.equal(loadConfig({ PORT: "" }).PORT, 3000);
  });

  for (const [key, value] of [
    ["PORT", "http"],
    ["PORT", "70000"],
    ["LOG_LEVEL", "loud"],
    ["SHUTDOWN_GRACE_MS", "-1"],
  ]) {
    it(`rejects ${key}=${value} with a message naming the variable and value`, () => {
      assert.throws(
        () => loadConfig({ [key]: value }),
        (err: Error) => err instanceof AppConfigError && err.message.includes(`${key}="${value}"`),
      );
    });
  }
});
