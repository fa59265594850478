import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { COMMENT_MARKER } from "../previewComment/renderComment";
import { githubFromEnvironment } from "./environment";
import { upsertComment } from "./upsertComment";

/** `npm run post-comment -- --pr <number> --file <comment.md>`: creates or edits the one preview comment. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pr: { type: "string" }, file: { type: "string" } } });
  if (!values.pr || !values.file) throw new Error("usage: npm run post-comment -- --pr <number> --file <comment.md>");
  const { github, repository } = githubFromEnvironment();
  const body = readFileSync(values.file, "utf8");
  const result = await upsertComment(github, repository, Number(values.pr), body, COMMENT_MARKER);
  process.stdout.write(`${result.action} comment ${result.id}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
