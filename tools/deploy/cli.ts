import { appendFileSync } from "node:fs";
import { runMain } from "../lib/cli/cliMain";
import { errorAnnotation } from "../lib/github/annotation";
import { readDeployArgs } from "../lib/deploy/deployInputs";
import { deployStack } from "../lib/deploy/deployStack";

const USAGE =
  "usage: npm run deploy -- --stack <name> --image <ref>@sha256:<digest> [--commit <sha>] [--plan-file <plan.json>] [--smoke-timeout-seconds 300]";

/**
 * `npm run deploy`: deploys an image to a stack (the saved plan, when given), smoke-tests it,
 * and rolls back to the last good image when the smoke test fails. Exit 0 only when the new image
 * is up and passed; a rollback still exits 1. The URL goes to $GITHUB_OUTPUT (`url`) when set.
 */
async function main(argv: string[]): Promise<number> {
  const args = readDeployArgs(argv, USAGE, { "smoke-timeout-seconds": { type: "string", default: "300" } }, false);
  if (typeof args === "number") return args;
  const { stack, image } = args;
  const outcome = await deployStack({
    stack,
    image,
    commit: args.commit,
    planFile: args.planFile,
    smoke: { timeoutMs: Number(args.own["smoke-timeout-seconds"]) * 1000 },
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
