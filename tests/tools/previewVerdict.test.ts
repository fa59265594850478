import assert from "node:assert/strict";
import { readStackCatalog } from "../../tools/lib/stacks/stackCatalog";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { errorAnnotation } from "../../tools/lib/github/annotation";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import { readStackPreview } from "../../tools/lib/report/previewDocument";
import { blockedStacks } from "../../tools/lib/report/verdict";
import { planCommand } from "../../tools/plan/cli";
import { previewVerdictCommand } from "../../tools/preview-verdict/cli";
import { runCliSync, runCommand } from "../support/runCli";

/** Documents the real Pulumi CLI wrote (npm run record-previews). */
const FIXTURES = join(__dirname, "..", "fixtures", "previews");
const recorded = (scenario: string, stack = "staging") =>
  readStackPreview(
    stack,
    readFileSync(join(FIXTURES, `staging-${scenario}.json`), "utf8"),
    "unknown",
    readFileSync(join(FIXTURES, `staging-${scenario}.events.jsonl`), "utf8"),
  );

/** The verdict's command with these arguments, in this process. */
const verdict = (...args: string[]) => runCommand(previewVerdictCommand, args);

describe("the preview verdict, the pull request's required check", () => {
  it("blocks a stack that broke a mandatory policy, naming it, and one whose config was refused", () => {
    assert.deepEqual(blockedStacks([recorded("policy-failed", "production"), recorded("image-update")]), [
      { stack: "production", reason: "1 mandatory policy violation(s): minimum-instances" },
    ]);
    const [badConfig] = blockedStacks([recorded("bad-config")]);
    assert.match(badConfig.reason, /Invalid skyport config for stack 'staging'/);
  });

  it("blocks a fork's offline plan that broke a mandatory policy, as the plan's own --policy run found it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skyport-verdict-"));
    try {
      const configFile = join(dir, "Pulumi.production.yaml");
      const production = parse(readFileSync(join(PROJECT_DIR, "stacks", "Pulumi.production.yaml"), "utf8"));
      production.config["skyport:app"].minInstances = 1;
      writeFileSync(configFile, stringify(production));
      const plan = await runCommand(planCommand, [
        "--stack",
        "production",
        "--json",
        "--policy",
        "--config-file",
        configFile,
      ]);
      assert.equal(plan.status, 1, plan.stderr);
      const preview = readStackPreview("production", plan.stdout);
      assert.equal(preview.kind, "failed");
      assert.deepEqual(blockedStacks([preview]), [
        {
          stack: "production",
          reason: "1 mandatory policy violation(s) in the offline plan: minimum-instances",
        },
      ]);
      assert.deepEqual(
        readStackPreview("production", plan.stdout.replace(/"level": "mandatory"/g, '"level": "advisory"')).kind,
        "offline-plan",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads a whole folder as the pipeline hands it over: every stack of the repository, a missing one failed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skyport-verdict-"));
    try {
      for (const [stack, scenario] of [
        ["staging", "image-update"],
        ["production", "policy-failed"],
      ]) {
        for (const ext of ["json", "events.jsonl"]) {
          writeFileSync(join(dir, `${stack}.${ext}`), readFileSync(join(FIXTURES, `staging-${scenario}.${ext}`)));
        }
      }
      writeFileSync(
        join(dir, "example-kubernetes.json"),
        JSON.stringify({
          stack: "example-kubernetes",
          platform: "kubernetes",
          resources: [],
          outputs: {},
          policyViolations: [],
        }),
      );
      const result = await verdict(dir);
      assert.equal(result.status, 1);
      assert.match(
        result.stdout,
        /::error title=Preview of production failed::1 mandatory policy violation\(s\): minimum-instances/,
      );
      assert.match(result.stdout, /::error title=Preview of example-cloudrun failed::no preview output/);
      assert.match(result.stdout, /::error title=Preview of local failed::no preview output/);
      assert.doesNotMatch(result.stdout, /Preview of (staging|example-kubernetes) failed/);
      const stacks = readStackCatalog().stacks.length;
      assert.match(result.stdout, new RegExp(`3 of ${stacks} stack preview\\(s\\) failed`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("blocks nothing when every preview ran, destructive or not", () => {
    assert.deepEqual(blockedStacks(["create", "no-changes", "replace", "rename"].map((s) => recorded(s))), []);
  });

  it("npm run preview-verdict exits 1 with a GitHub error per failed stack, 0 when all passed, 2 on bad arguments", async () => {
    const failed = runCliSync("preview-verdict", [
      `staging=${join(FIXTURES, "staging-image-update.json")}`,
      `production=${join(FIXTURES, "staging-policy-failed.json")}`,
    ]);
    assert.equal(failed.status, 1, failed.stderr);
    assert.match(
      failed.stdout,
      /^::error title=Preview of production failed::1 mandatory policy violation\(s\): minimum-instances$/m,
    );
    assert.match(failed.stdout, /1 of 2 stack preview\(s\) failed; see the PR comment/);
    const missing = await verdict(`qa=${join(FIXTURES, "no-such-preview.json")}`);
    assert.equal(missing.status, 1, "a preview that left no document fails");
    const passed = await verdict(`staging=${join(FIXTURES, "staging-image-update.json")}`);
    assert.equal(passed.status, 0, passed.stdout);
    assert.match(passed.stdout, /all 1 stack preview\(s\) passed/);
    assert.equal((await verdict()).status, 2);
  });

  it("writes each failure as a GitHub error annotation, escaped so a multi-line reason stays one annotation", () => {
    assert.equal(
      errorAnnotation("Drift check of qa: eu, failed", "exit 3\n100% locked\r"),
      "::error title=Drift check of qa%3A eu%2C failed::exit 3%0A100%25 locked%0D",
    );
  });
});
