import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runMain } from "../lib/cli/cliMain";
import { COMMENT_MARKER } from "../lib/report/renderComment";
import { githubFromEnvironment } from "../lib/github/environment";
import { upsertComment } from "../lib/github/upsertComment";

/** `npm run post-comment -- --pr <number> --file <comment.md>`: creates or edits the one preview comment. */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { pr: { type: "string" }, file: { type: "string" } } });
  if (!values.pr || !values.file) throw new Error("usage: npm run post-comment -- --pr <number> --file <comment.md>");
  const { github, repository } = githubFromEnvironment();
  const body = readFileSync(values.file, "utf8");
  const result = await upsertComment(github, repository, Number(values.pr), body, COMMENT_MARKER);
  process.stdout.write(`${result.action} comment ${result.id}\n`);
  return 0;
}

runMain(main);
