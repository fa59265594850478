import { appendFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runMain, usageError } from "../cliMain";
import { errorAnnotation } from "../github/annotation";
import { checkDeployInputs } from "./deployInputs";
import { deployStack } from "./deployStack";

const USAGE =
  "usage: npm run deploy -- --stack <name> --image <ref>@sha256:<digest> [--commit <sha>] [--plan-file <plan.json>] [--smoke-timeout-seconds 300]";

/**
 * `npm run deploy`: deploys an image to a stack (the saved plan, when given), smoke-tests it,
 * and rolls back to the last good image when the smoke test fails. Exit 0 only when the new image
 * is up and passed; a rollback still exits 1. The URL goes to $GITHUB_OUTPUT (`url`) when set.
 */
async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        image: { type: "string" },
        commit: { type: "string" },
        "plan-file": { type: "string" },
        "smoke-timeout-seconds": { type: "string", default: "300" },
      },
    }));
  } catch (err) {
    return usageError(err, USAGE);
  }
  const { stack, image } = values;
  if (!stack || !image) return usageError("--stack and --image are required", USAGE);
  checkDeployInputs(stack, image);
  const outcome = await deployStack({
    stack,
    image,
    commit: values.commit || undefined,
    planFile: values["plan-file"],
    smoke: { timeoutMs: Number(values["smoke-timeout-seconds"]) * 1000 },
  });
  if (outcome.kind !== "failed" && process.env.GITHUB_OUTPUT) {
    appendFileSync(process.env.GITHUB_OUTPUT, `url=${outcome.url}\n`);
  }
  switch (outcome.kind) {
    case "deployed":
      process.stdout.write(`${stack}: ${image} is live at ${outcome.url} and passed its smoke test\n`);
      return 0;
    case "rolled-back":
      process.stdout.write(
        `${errorAnnotation(
          `${stack} rolled back`,
          `${outcome.failedImage} failed its smoke test (${outcome.reason}); ${outcome.image} is live again at ${outcome.url}`,
        )}\n`,
      );
      return 1;
    case "failed":
      process.stdout.write(`${errorAnnotation(`${stack} deploy failed`, outcome.reason)}\n`);
      return 1;
  }
}

runMain(() => main(process.argv.slice(2)));
