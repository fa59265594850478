import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { defineCommand, runWhenMain } from "../lib/cli/command";
import { renderConfigReference } from "../lib/docs/configReference";
import { PROJECT_DIR } from "../lib/plan/stackFile";

/** Where the generated stack config reference lives. */
export const CONFIG_REFERENCE = join(PROJECT_DIR, "docs", "config.md");

export const docsCommand = defineCommand({
  name: "docs",
  usage: "[--check]",
  description: `
Writes docs/config.md, the stack config reference, from the config schemas' descriptions and
defaults. --check writes nothing and exits 1 when the file and the schemas disagree. Exit 0, 2
on a usage error.`,
  options: { check: { type: "boolean" } },
  run: ({ values }) => {
    const wanted = renderConfigReference(PLATFORM_REGISTRY);
    if (!values.check) {
      writeFileSync(CONFIG_REFERENCE, wanted);
      return 0;
    }
    if (readFileSync(CONFIG_REFERENCE, "utf8") === wanted) return 0;
    process.stderr.write("docs/config.md and the schemas disagree: run npm run docs\n");
    return 1;
  },
});

runWhenMain(module, docsCommand);
