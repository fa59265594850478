import { appendFileSync } from "node:fs";
import { defineCommand, UsageError, runWhenMain } from "../lib/cli/command";
import { checkDeployInputs } from "../lib/deploy/deployInputs";
import { deployStack } from "../lib/deploy/deployStack";
import { errorAnnotation } from "../lib/github/annotation";

export const deployCommand = defineCommand({
  name: "deploy",
  usage:
    "--stack <name> --image <ref>@sha256:<digest> [--commit <sha>] [--plan-file <plan.json>] [--smoke-timeout-seconds 300]",
  description: `
Deploys an image to a stack (the saved plan, when given), smoke-tests it, and rolls back to the
last good image when the smoke test fails. Exit 0 only when the new image is up and passed; a
rollback still exits 1, as does any failure; 2 on a usage error. The URL goes to $GITHUB_OUTPUT
(url) when set.`,
  options: {
    stack: { type: "string" },
    image: { type: "string" },
    commit: { type: "string" },
    "plan-file": { type: "string" },
    "smoke-timeout-seconds": { type: "string", default: "300" },
  },
  required: ["stack", "image"],
  run: async ({ values }) => {
    const stack = values.stack ?? "";
    const image = values.image ?? "";
    const smokeSeconds = Number(values["smoke-timeout-seconds"]);
    if (!(smokeSeconds > 0)) {
      throw new UsageError(`--smoke-timeout-seconds: ${values["smoke-timeout-seconds"]} is not a positive number`);
    }
    checkDeployInputs(stack, image);
    const outcome = await deployStack({
      stack,
      image,
      commit: values.commit || undefined,
      planFile: values["plan-file"],
      smoke: { timeoutMs: smokeSeconds * 1000 },
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
  },
});

runWhenMain(module, deployCommand);
