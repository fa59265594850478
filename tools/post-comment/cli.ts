import { appendFileSync, readFileSync } from "node:fs";
import { defineCommand, runWhenMain, UsageError } from "../lib/cli/command";
import { githubFromEnvironment } from "../lib/github/environment";
import { upsertComment } from "../lib/github/upsertComment";
import { COMMENT_MARKER } from "../lib/report/renderComment";

export const postCommentCommand = defineCommand({
  name: "post-comment",
  usage: "--pr <number> --file <comment.md> [--head-sha <sha>]",
  description: `
Creates the pull request's one preview comment, or edits it: the earlier one is the pipeline
bot's own comment that starts with the hidden marker, found across every page of comments; a
comment anyone else wrote is never touched. With --head-sha (the commit the comment is about),
a run whose commit is no longer the pull request's head posts nothing and says which commit
superseded it, in the job summary when there is one. Needs GITHUB_TOKEN and
GITHUB_REPOSITORY. Exit 0, 1 when GitHub refuses, 2 on a usage error.`,
  options: { pr: { type: "string" }, file: { type: "string" }, "head-sha": { type: "string" } },
  required: ["pr", "file"],
  run: async ({ values }) => {
    const pullRequest = Number(values.pr);
    if (!Number.isInteger(pullRequest) || pullRequest < 1) {
      throw new UsageError(`--pr: ${values.pr} is not a pull request number`);
    }
    const { github, repository } = githubFromEnvironment();
    const body = readFileSync(values.file ?? "", "utf8");
    const headSha = values["head-sha"];
    const result = await upsertComment(github, repository, pullRequest, body, COMMENT_MARKER, { headSha });
    if (result.action === "superseded") {
      const line = `The comment was left alone: this run previewed ${headSha}, and the pull request's head is now ${result.head} (superseded by ${result.head}).`;
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${line}\n`);
      process.stdout.write(`${line}\n`);
      return 0;
    }
    process.stdout.write(`${result.action} comment ${result.id}\n`);
    return 0;
  },
});

runWhenMain(module, postCommentCommand);
