import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { githubFromEnvironment } from "./environment";
import { syncDriftIssue } from "./driftIssue";

/** `npm run drift-issue -- --stack <name> --drifted true|false [--details <file>]`: opens, updates or closes the stack's drift issue. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stack: { type: "string" }, drifted: { type: "string" }, details: { type: "string" } },
  });
  if (!values.stack || !["true", "false"].includes(values.drifted ?? "")) {
    throw new Error("usage: npm run drift-issue -- --stack <name> --drifted true|false [--details <file>]");
  }
  const { github, repository, runUrl } = githubFromEnvironment();
  const details = values.details && existsSync(values.details) ? readFileSync(values.details, "utf8") : "";
  const result = await syncDriftIssue(github, repository, values.stack, {
    drifted: values.drifted === "true",
    details,
    runUrl,
  });
  process.stdout.write(`${result.action}${result.number ? ` #${result.number}` : ""}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
