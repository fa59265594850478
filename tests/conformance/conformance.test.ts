import assert from "node:assert/strict";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { ADAPTERS } from "./adapters";
import { describeRolloutFacts } from "./rolloutFacts";
import { describeConformance } from "./suite";

describe("platform conformance", () => {
  it("has an adapter for every built platform", () => {
    assert.deepEqual(ADAPTERS.map((a) => a.platform).sort(), Object.keys(PLATFORM_REGISTRY).sort());
  });

  for (const adapter of ADAPTERS) {
    describeConformance(adapter);
    describeRolloutFacts(adapter);
  }
});
