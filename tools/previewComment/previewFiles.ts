import { existsSync, readFileSync } from "node:fs";
import { eventLogBeside } from "../pulumi/previewStack";
import { readStackPreview, type StackPreview } from "./previewDocument";

/** How the preview CLIs name their inputs. */
export const PREVIEW_ARGS_USAGE = "<stack>=<preview.json> [<stack>=<preview.json> ...]";

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/**
 * Reads `<stack>=<preview.json>` arguments: each stack's preview document with the engine's
 * event log beside it (policy violations are only there). Undefined on a malformed argument.
 */
export function readPreviewArgs(args: string[]): StackPreview[] | undefined {
  const pairs = args.map((arg) => arg.split(/=(.*)/s, 2));
  if (pairs.length === 0 || pairs.some(([stack, path]) => !stack || !path)) return undefined;
  return pairs.map(([stack, path]) =>
    readStackPreview(stack, readIfPresent(path), "unknown", readIfPresent(eventLogBeside(path))),
  );
}
