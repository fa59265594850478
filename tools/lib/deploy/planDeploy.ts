import { readFileSync } from "node:fs";
import { readStackPreview, type StackPreview } from "../report/previewDocument";
import { renderReport } from "../report/renderComment";
import { previewStack } from "../pulumi/previewStack";
import { nameImage, type StackCli } from "./stackState";

/** A preview of one image on one stack, saved as a plan for approval. */
export interface PlanDeployOptions extends StackCli {
  /** The image the plan deploys, by digest. */
  image: string;
  /** Where the plan is saved, for `pulumi up --plan`. */
  planFile: string;
  /** Folder for the preview document and event log. */
  outDir: string;
  /** The workflow run, linked from the report. Default none. */
  runUrl?: string;
  /** The commit the image was built from, named in the report. Default none. */
  commit?: string;
}

/** The saved plan's preview, and the report an approver reads. */
export interface DeployPlan {
  preview: StackPreview;
  /** The same report the PR comment uses, titled for the approval. */
  report: string;
  /** False when the preview failed or broke a mandatory policy: then there is nothing to approve. */
  ok: boolean;
}

/**
 * Previews the stack with the new image named and saves the plan (`pulumi preview --save-plan`),
 * with the policy pack; the report shows each change as old → new, the image first among them.
 */
export async function planDeploy(options: PlanDeployOptions): Promise<DeployPlan> {
  await nameImage(options, options.image);
  const run = await previewStack({
    stack: options.stack,
    outDir: options.outDir,
    projectDir: options.projectDir,
    env: options.env,
    savePlan: options.planFile,
  });
  const preview = readStackPreview(
    options.stack,
    readFileSync(run.documentPath, "utf8"),
    "unknown",
    readFileSync(run.eventsPath, "utf8"),
  );
  const report = renderReport([preview], {
    title: `Plan for ${options.stack}: ${options.image}`,
    intro: `Approving the \`${options.stack}\` deployment applies exactly this saved plan (\`pulumi up --plan\`); if the stack changed since, the deployment fails and says why.`,
    runUrl: options.runUrl,
    commit: options.commit,
  });
  return { preview, report, ok: run.exitCode === 0 && preview.kind !== "failed" };
}
