import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CONFIG_FILE_VARIABLE } from "../../../components/config/plaintextSecrets";
import { dropDebugEvents } from "./eventLog";
import { policyArgs } from "./policyArgs";
import { type PulumiRun, runPulumi } from "./pulumiCli";

/** One stack's preview and where its documents go. */
export interface PreviewStackOptions {
  stack: string;
  /** Folder for `<stack>.json`, `<stack>.events.jsonl` and `<stack>.log`. */
  outDir: string;
  /** The project folder. Default: the current folder. */
  projectDir?: string;
  /** Refresh from the cloud first, as the drift check does. Default false. */
  refresh?: boolean;
  /** Fail when any change is proposed. Default false. */
  expectNoChanges?: boolean;
  /** Save the proposed operations to this plan file, for `pulumi up --plan`. Default: no plan. */
  savePlan?: string;
  /**
   * Read the stack's config from this file instead of `stacks/Pulumi.<stack>.yaml`; the program
   * refuses plain-text secrets in it as in a stack file (CONFIG_FILE_VARIABLE). Default none.
   */
  configFile?: string;
  /** Variables for the CLI's environment. */
  env?: NodeJS.ProcessEnv;
}

/** The preview's outcome and the files it wrote. */
export interface StackPreviewRun extends PulumiRun {
  /** `pulumi preview --json`: steps, diagnostics and the change summary. */
  documentPath: string;
  /** The engine's events, one JSON object a line; the only place policy violations appear. */
  eventsPath: string;
}

/** The engine's event log written beside a preview document: `<stack>.json` → `<stack>.events.jsonl`. */
export function eventLogBeside(documentPath: string): string {
  return documentPath.replace(/(\.json)?$/, ".events.jsonl");
}

/** The paths a stack's preview writes under outDir. */
export function previewPaths(outDir: string, stack: string) {
  const documentPath = join(outDir, `${stack}.json`);
  return { documentPath, eventsPath: eventLogBeside(documentPath), logPath: join(outDir, `${stack}.log`) };
}

/**
 * Runs `pulumi preview --json` with skyport's policy pack and the stack's policy config,
 * writing the preview document, the engine's event log (without debug diagnostics, which can hold
 * secrets) and the CLI's stderr beside each other.
 * It never throws for a failed preview: the exit status and the documents tell.
 */
export async function previewStack(options: PreviewStackOptions): Promise<StackPreviewRun> {
  const projectDir = resolve(options.projectDir ?? ".");
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const { documentPath, eventsPath, logPath } = previewPaths(outDir, options.stack);
  const args = [
    "preview",
    "--stack",
    options.stack,
    "--json",
    "--event-log",
    eventsPath,
    ...policyArgs(options.stack, projectDir),
    ...(options.refresh ? ["--refresh"] : []),
    ...(options.expectNoChanges ? ["--expect-no-changes"] : []),
    ...(options.savePlan ? ["--save-plan", resolve(options.savePlan)] : []),
    ...(options.configFile ? ["--config-file", resolve(options.configFile)] : []),
  ];
  writeFileSync(eventsPath, "");
  const configFileEnv = options.configFile ? { [CONFIG_FILE_VARIABLE]: resolve(options.configFile) } : {};
  const run = await runPulumi(args, { cwd: projectDir, env: { ...options.env, ...configFileEnv } });
  dropDebugEvents(eventsPath);
  writeFileSync(documentPath, run.stdout);
  writeFileSync(logPath, run.stderr);
  return { ...run, documentPath, eventsPath };
}
