import assert from "node:assert/strict";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { PLATFORM_MOCKS } from "./adapters/mocks";

describe("the tests' mocked clouds, one per platform, built from its plan placeholders", () => {
  for (const [name, definition] of Object.entries(PLATFORM_REGISTRY)) {
    it(`${name}: realizes its own placeholders and answers exactly the look-ups the offline plan answers`, () => {
      const mocks = PLATFORM_MOCKS[name];
      assert.ok(mocks, `tests/conformance/adapters/${name}Mocks.ts is missing`);
      assert.equal(mocks.placeholders, definition.planPlaceholders);
      assert.deepEqual(
        Object.keys(mocks.lookups).sort(),
        Object.keys(definition.planPlaceholders.lookups ?? {}).sort(),
      );
    });
  }
  it("has no platform the registry does not", () => {
    assert.deepEqual(Object.keys(PLATFORM_MOCKS).sort(), Object.keys(PLATFORM_REGISTRY).sort());
  });
});
