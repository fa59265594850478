import { readFileSync } from "node:fs";
import { defineCommand, UsageError, runWhenMain } from "../lib/cli/command";
import { githubFromEnvironment } from "../lib/github/environment";
import { upsertComment } from "../lib/github/upsertComment";
import { COMMENT_MARKER } from "../lib/report/renderComment";

export const postCommentCommand = defineCommand({
  name: "post-comment",
  usage: "--pr <number> --file <comment.md>",
  description: `
Creates the pull request's one preview comment, or edits it: the earlier one is found by its
hidden marker across every page of comments. Needs GITHUB_TOKEN and GITHUB_REPOSITORY. Exit 0,
1 when GitHub refuses, 2 on a usage error.`,
  options: { pr: { type: "string" }, file: { type: "string" } },
  required: ["pr", "file"],
  run: async ({ values }) => {
    const pullRequest = Number(values.pr);
    if (!Number.isInteger(pullRequest) || pullRequest < 1)
      throw new UsageError(`--pr: ${values.pr} is not a pull request number`);
    const { github, repository } = githubFromEnvironment();
    const body = readFileSync(values.file ?? "", "utf8");
    const result = await upsertComment(github, repository, pullRequest, body, COMMENT_MARKER);
    process.stdout.write(`${result.action} comment ${result.id}\n`);
    return 0;
  },
});

runWhenMain(module, postCommentCommand);
