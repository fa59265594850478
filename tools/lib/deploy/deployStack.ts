import { policyArgs } from "../pulumi/policyArgs";
import { runPulumi } from "../pulumi/pulumiCli";
import { type SmokeOptions, smokeTest } from "../smoke/smokeTest";
import {
  errorLines,
  type GoodDeploy,
  nameImage,
  readGoodDeploy,
  recordGoodDeploy,
  type StackCli,
  stackOutputs,
} from "./stackState";

/** One deploy of an image to a stack. */
export interface DeployOptions extends StackCli {
  /** The image to deploy, by digest. */
  image: string;
  /** The commit the image was built from; the smoke test checks the app reports it. Default: not checked. */
  commit?: string;
  /** Apply exactly this saved plan (`pulumi up --plan`). Default: a fresh `pulumi up`. */
  planFile?: string;
  /** How long and how often the smoke test tries. Default: smokeTest's (5 min, every 5 s). */
  smoke?: Pick<SmokeOptions, "timeoutMs" | "intervalMs">;
  /** Where progress goes. Default stderr. */
  log?: (line: string) => void;
}

/** How a deploy ended. Only "deployed" is a success. */
export type DeployOutcome =
  | { kind: "deployed"; image: string; url: string }
  | { kind: "rolled-back"; failedImage: string; image: string; url: string; reason: string }
  | { kind: "failed"; reason: string };

/**
 * Deploys an image to a stack: `pulumi up` (of the saved plan, when given) with the policy pack,
 * then the smoke test at the stack's URL. When the smoke test passes, the image becomes the
 * stack's last good one. When it fails, the last good image is deployed again and smoke-tested,
 * and the outcome is "rolled-back", which a pipeline must still treat as a failure.
 */
export async function deployStack(options: DeployOptions): Promise<DeployOutcome> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const good = await readGoodDeploy(options);
  const wanted: GoodDeploy = { image: options.image, commit: options.commit };

  const applied = await apply(options, wanted, options.planFile);
  if (applied.kind === "failed") return applied;
  log(`${options.stack}: ${options.image} is up at ${applied.url}; smoke-testing it`);
  const smokeFailure = await smoke(options, applied.url, wanted);
  if (!smokeFailure) {
    await recordGoodDeploy(options, wanted);
    return { kind: "deployed", image: options.image, url: applied.url };
  }

  if (!good || good.image === options.image) {
    return { kind: "failed", reason: `${smokeFailure}; there is no earlier good image to roll back to` };
  }
  log(`${options.stack}: ${smokeFailure}; rolling back to ${good.image}`);
  const rolledBack = await apply(options, good);
  if (rolledBack.kind === "failed") {
    return {
      kind: "failed",
      reason: `${smokeFailure}; the rollback to ${good.image} failed too: ${rolledBack.reason}`,
    };
  }
  const rollbackSmokeFailure = await smoke(options, rolledBack.url, good);
  if (rollbackSmokeFailure) {
    return { kind: "failed", reason: `${smokeFailure}; after the rollback to ${good.image}: ${rollbackSmokeFailure}` };
  }
  return {
    kind: "rolled-back",
    failedImage: options.image,
    image: good.image,
    url: rolledBack.url,
    reason: smokeFailure,
  };
}

/** `pulumi up` with the image named; the stack's URL once it is up. */
async function apply(
  options: DeployOptions,
  target: GoodDeploy,
  planFile?: string,
): Promise<{ kind: "up"; url: string } | { kind: "failed"; reason: string }> {
  await nameImage(options, target.image);
  const up = await runPulumi(
    [
      "up",
      "--stack",
      options.stack,
      "--yes",
      "--skip-preview",
      ...policyArgs(options.stack, options.projectDir ?? "."),
      ...(planFile ? ["--plan", planFile] : []),
    ],
    { cwd: options.projectDir, env: options.env },
  );
  if (up.exitCode !== 0) {
    const what = planFile ? `the approved plan (${planFile}) no longer applies or failed` : "pulumi up failed";
    return { kind: "failed", reason: `${options.stack}: ${what}: ${errorLines(up)}` };
  }
  const { url } = await stackOutputs(options);
  if (typeof url !== "string") return { kind: "failed", reason: `${options.stack}: the stack has no url output` };
  return { kind: "up", url };
}

/** The smoke test's failure, or undefined when it passes. */
async function smoke(options: DeployOptions, url: string, target: GoodDeploy): Promise<string | undefined> {
  try {
    await smokeTest({ url, commit: target.commit, ...options.smoke, log: options.log });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
