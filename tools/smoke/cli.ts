import { defineCommand, UsageError, runWhenMain } from "../lib/cli/command";
import { smokeTest } from "../lib/smoke/smokeTest";

export const smokeCommand = defineCommand({
  name: "smoke",
  usage: "--url <url> --commit <sha> [--timeout-seconds 300]",
  description: `
Retries, for a bounded time (default 300 s), until <url>/health answers 200 and
<url>/api/version reports the commit. Exit 0 when it does, 1 with the last reason when the time
is up, 2 on a usage error.`,
  options: { url: { type: "string" }, commit: { type: "string" }, "timeout-seconds": { type: "string" } },
  required: ["url", "commit"],
  run: async ({ values }) => {
    const timeoutSeconds = Number(values["timeout-seconds"] ?? 300);
    if (!(timeoutSeconds > 0))
      throw new UsageError(`--timeout-seconds: ${values["timeout-seconds"]} is not a positive number`);
    const url = values.url ?? "";
    const tries = await smokeTest({ url, commit: values.commit, timeoutMs: timeoutSeconds * 1000 });
    process.stdout.write(`${url} is healthy and runs ${values.commit} (${tries} ${tries === 1 ? "try" : "tries"})\n`);
    return 0;
  },
});

runWhenMain(module, smokeCommand);
