import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { eventLogBeside } from "../pulumi/previewStack";
import { offlinePlanReason, readStackCatalog, type StackCatalog } from "../stacks/stackCatalog";
import { readStackPreview, type StackPreview } from "./previewDocument";

/** How the preview CLIs name their inputs. */
export const PREVIEW_ARGS_USAGE = "<folder> | <stack>=<preview.json> [<stack>=<preview.json> ...]";

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The most a preview document may weigh before it is not read: the comment shows far less. */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * Reads the documents of the catalog's stacks (and no others) from a folder, as a fork's
 * artifact holds them: `<stack>.json` with `<stack>.events.jsonl` beside it. A stack with no
 * document, or one too large to read, is shown as failed; an offline plan says why the stack got
 * one (`fromFork`: every stack of a fork's pull request does).
 */
export function readPreviewFolder(dir: string, catalog: StackCatalog, fromFork = false): StackPreview[] {
  return catalog.stacks.map((stack) => withReason(readStack(dir, stack), catalog, fromFork));
}

function withReason(preview: StackPreview, catalog: StackCatalog, fromFork: boolean): StackPreview {
  return preview.kind === "offline-plan"
    ? { ...preview, offlineReason: offlinePlanReason(catalog, preview.stack, fromFork) }
    : preview;
}

function readStack(dir: string, stack: string): StackPreview {
  const path = join(dir, `${stack}.json`);
  if (existsSync(path) && statSync(path).size > MAX_DOCUMENT_BYTES) {
    return readStackPreview(stack, `${path} is larger than ${MAX_DOCUMENT_BYTES} bytes; not read`);
  }
  const events = eventLogBeside(path);
  const eventLog =
    existsSync(events) && statSync(events).size <= MAX_DOCUMENT_BYTES ? readIfPresent(events) : undefined;
  return readStackPreview(stack, readIfPresent(path), "unknown", eventLog);
}

/**
 * Reads `<stack>=<preview.json>` arguments: each stack's preview document with the engine's
 * event log beside it (policy violations are only there). One folder instead reads every stack
 * of the project from it (readPreviewFolder). Undefined on a malformed argument.
 */
export function readPreviewArgs(args: string[]): StackPreview[] | undefined {
  if (args.length === 1 && !args[0].includes("=") && existsSync(args[0]) && statSync(args[0]).isDirectory()) {
    return readPreviewFolder(args[0], readStackCatalog());
  }
  const pairs = args.map((arg) => arg.split(/=(.*)/s, 2));
  if (pairs.length === 0 || pairs.some(([stack, path]) => !stack || !path)) return undefined;
  return pairs.map(([stack, path]) =>
    readStackPreview(stack, readIfPresent(path), "unknown", readIfPresent(eventLogBeside(path))),
  );
}
