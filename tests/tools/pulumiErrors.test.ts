import assert from "node:assert/strict";
import { errorLines } from "../../tools/lib/deploy/stackState";

describe("errorLines: what a failed pulumi run said", () => {
  it("keeps each error with the indented lines that go on from it, as a config error lists its problems", () => {
    const stdout = [
      "Updating (staging):",
      "    pulumi:pulumi:Stack skyport-staging running",
      "error: Invalid skyport config for stack 'staging':",
      '  - skyport:app.rollout.strategy: "canary" is not allowed; expected rolling',
      "  - skyport:app.port: 0 is not allowed; expected a port",
      "",
      "Resources:",
      "    1 unchanged",
    ].join("\n");
    assert.equal(
      errorLines({ exitCode: 255, stdout, stderr: "" }),
      [
        "error: Invalid skyport config for stack 'staging':",
        '  - skyport:app.rollout.strategy: "canary" is not allowed; expected rolling',
        "  - skyport:app.port: 0 is not allowed; expected a port",
      ].join("\n"),
    );
  });

  it("gives the end of the output when no line is an error", () => {
    const stdout = ["a", "b", "c", "d", "e", "f", "g"].join("\n");
    assert.equal(errorLines({ exitCode: 1, stdout, stderr: "" }), "c\nd\ne\nf\ng");
  });
});
