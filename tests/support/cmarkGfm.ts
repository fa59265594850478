import { spawnSync } from "node:child_process";

/** The GFM extensions GitHub's renderer turns on for comments. */
const EXTENSIONS = ["table", "strikethrough", "autolink"];

/** cmark-gfm on PATH, or why it is missing. */
export function cmarkGfmMissing(): string | undefined {
  const run = spawnSync("cmark-gfm", ["--version"], { encoding: "utf8" });
  return run.status === 0 ? undefined : "no cmark-gfm on PATH (apt-get install cmark-gfm)";
}

/**
 * Markdown to HTML as GitHub's renderer starts it: cmark-gfm with the table, strikethrough and
 * autolink extensions, raw HTML kept (`--unsafe`), so what GitHub's sanitizer would then see
 * (details, summary, br) is in the output to check.
 */
export function renderGfm(markdown: string): string {
  const run = spawnSync("cmark-gfm", ["--unsafe", ...EXTENSIONS.flatMap((e) => ["-e", e])], {
    input: markdown,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`cmark-gfm exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}
