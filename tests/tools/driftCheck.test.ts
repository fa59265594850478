import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CHANGES_FOUND_EXIT, classifyDrift } from "../../tools/lib/drift/classifyDrift";

/** Documents the real Pulumi CLI wrote (npm run record-previews), with the exit status it gave. */
const FIXTURES = join(__dirname, "..", "fixtures", "previews");
const recordedRun = (scenario: string, exitCode: number, stderr = "") => ({
  exitCode,
  document: readFileSync(join(FIXTURES, `staging-${scenario}.json`), "utf8"),
  eventLog: readFileSync(join(FIXTURES, `staging-${scenario}.events.jsonl`), "utf8"),
  stderr,
});

describe("drift check: drift is not an error", () => {
  it("reads the CLI's changes-found status with a change summary as drift, with what changed", () => {
    const verdict = classifyDrift("staging", recordedRun("drift", CHANGES_FOUND_EXIT));
    assert.equal(verdict.kind, "drifted");
    assert.equal(verdict.kind === "drifted" && verdict.changed, 1);
    assert.deepEqual(
      verdict.preview.changes[0].properties.map((p) => [p.path, p.old, p.new]),
      [["numInstances", 3, 1]],
    );
  });

  it("reads a clean exit with nothing changing as in sync", () => {
    assert.equal(classifyDrift("staging", recordedRun("no-changes", 0)).kind, "in-sync");
  });

  it("reads a refused config, a broken policy, an auth failure or a lock as a failure, never as drift", () => {
    const badConfig = classifyDrift("staging", recordedRun("bad-config", 1));
    assert.equal(badConfig.kind, "failed");
    assert.match(badConfig.kind === "failed" ? badConfig.reason : "", /skyport:render\.plan/);
    assert.equal(classifyDrift("staging", recordedRun("policy-failed", 1)).kind, "failed");
    const auth = classifyDrift("staging", recordedRun("drift", 3, "error: PULUMI_ACCESS_TOKEN is invalid"));
    assert.equal(auth.kind, "failed", "a document with changes does not make an auth failure drift");
    assert.match(auth.kind === "failed" ? auth.reason : "", /exited 3[\s\S]*PULUMI_ACCESS_TOKEN is invalid/);
    const locked = classifyDrift("staging", {
      exitCode: 1,
      document: "",
      stderr: "error: the stack is currently locked by 1 lock(s)",
    });
    assert.equal(locked.kind, "failed");
    assert.match(locked.kind === "failed" ? locked.reason : "", /currently locked/);
  });

  it("does not call a changes-found status drift when the summary counts no change", () => {
    assert.equal(classifyDrift("staging", recordedRun("no-changes", CHANGES_FOUND_EXIT)).kind, "failed");
  });
});
