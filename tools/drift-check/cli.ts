import { readFileSync } from "node:fs";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { errorAnnotation } from "../lib/github/annotation";
import { syncDriftIssue } from "../lib/github/driftIssue";
import { githubFromEnvironment } from "../lib/github/environment";
import { previewStack } from "../lib/pulumi/previewStack";
import { classifyDrift } from "../lib/drift/classifyDrift";

export const driftCheckCommand = defineCommand({
  name: "drift-check",
  usage: "--stack <name> [--out <dir>] [--no-issue]",
  description: `
pulumi preview --refresh --expect-no-changes of one stack, with the policy pack (documents in
<out>, default drift), then: in sync, it closes the stack's drift issue if one is open; drifted,
it opens or updates that issue with the same report the PR comment uses, and exits 0; failed (a
lock, expired credentials, a broken program), it leaves the issue alone and exits 1 with the
reason. --no-issue only reports (no GITHUB_TOKEN needed). Exit 2 on a usage error.`,
  options: {
    stack: { type: "string" },
    out: { type: "string", default: "drift" },
    "no-issue": { type: "boolean" },
  },
  required: ["stack"],
  run: async ({ values }) => {
    const stack = values.stack ?? "";
    const run = await previewStack({ stack, outDir: values.out ?? "drift", refresh: true, expectNoChanges: true });
    const verdict = classifyDrift(stack, {
      exitCode: run.exitCode,
      document: run.stdout,
      eventLog: readFileSync(run.eventsPath, "utf8"),
      stderr: run.stderr,
    });
    if (verdict.kind === "failed") {
      process.stderr.write(run.stderr);
      process.stdout.write(`${errorAnnotation(`Drift check of ${stack} failed`, verdict.reason)}\n`);
      return 1;
    }
    const summary =
      verdict.kind === "drifted" ? `${stack} drifted: ${verdict.changed} resource(s) differ` : `${stack} is in sync`;
    process.stdout.write(`${summary}\n`);
    if (values["no-issue"]) return 0;
    const { github, repository, runUrl } = githubFromEnvironment();
    const result = await syncDriftIssue(github, repository, stack, {
      preview: verdict.kind === "drifted" ? verdict.preview : undefined,
      runUrl,
    });
    process.stdout.write(`drift issue: ${result.action}${result.number ? ` #${result.number}` : ""}\n`);
    return 0;
  },
});

runWhenMain(module, driftCheckCommand);
