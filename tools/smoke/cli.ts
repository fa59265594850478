import { parseArgs } from "node:util";
import { runMain } from "../lib/cli/cliMain";
import { smokeTest } from "../lib/smoke/smokeTest";

/** `npm run smoke -- --url <url> --commit <sha> [--timeout-seconds 300]`. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, commit: { type: "string" }, "timeout-seconds": { type: "string" } },
  });
  if (!values.url || !values.commit)
    throw new Error("usage: npm run smoke -- --url <url> --commit <sha> [--timeout-seconds 300]");
  const tries = await smokeTest({
    url: values.url,
    commit: values.commit,
    timeoutMs: Number(values["timeout-seconds"] ?? 300) * 1000,
  });
  process.stdout.write(
    `${values.url} is healthy and runs ${values.commit} (${tries} ${tries === 1 ? "try" : "tries"})\n`,
  );
  return 0;
}

runMain(main);
