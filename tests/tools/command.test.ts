import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParseArgsOptionsConfig } from "node:util";
import { type Command, defineCommand, UsageError } from "../../tools/lib/cli/command";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";
import { runCommand as run } from "../support/runCli";

const echo = defineCommand({
  name: "echo",
  usage: "--word <text> [--loud]",
  description: "Prints the word.",
  options: { word: { type: "string" }, loud: { type: "boolean" } },
  required: ["word"],
  run: ({ values }) => {
    if (values.word === "usage") throw new UsageError("--word: usage is not a word");
    if (values.word === "boom") throw new Error("it broke");
    return values.loud ? 3 : 0;
  },
});

describe("the one argument helper every CLI uses", () => {
  it("answers --help (and -h) with the usage line and the description, exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const result = await run(echo, [flag]);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, "usage: npm run echo -- --word <text> [--loud]\n\nPrints the word.\n");
    }
  });

  it("exits 2 on a usage problem, saying what is wrong and the usage line", async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^--word is required\n/],
      [["--word", "a", "--bogus"], /^Unknown option '--bogus'/],
      [["--word", "a", "extra"], /^unexpected argument: extra\n/],
      [["--word", "usage"], /^--word: usage is not a word\n/],
    ];
    for (const [argv, problem] of cases) {
      const result = await run(echo, argv);
      assert.equal(result.status, 2, argv.join(" "));
      assert.match(result.stderr, problem);
      assert.match(
        result.stderr,
        /\nusage: npm run echo -- --word <text> \[--loud\]\n\(npm run echo -- --help says more\)\n$/,
      );
    }
  });

  it("exits 1 with the message when the command fails, and with its own status otherwise", async () => {
    assert.deepEqual(await run(echo, ["--word", "boom"]), { status: 1, stdout: "", stderr: "it broke\n" });
    assert.equal((await run(echo, ["--word", "a", "--loud"])).status, 3);
  });

  it("runs in a test's process with what it printed captured and the environment put back, as a spawned CLI would see it", async () => {
    const printEnv = defineCommand({
      name: "print-env",
      usage: "",
      description: "Prints two variables.",
      run: () => {
        process.stdout.write(`${process.env.SKYPORT_GIVEN ?? "unset"} ${process.env.SKYPORT_UNSET ?? "unset"}`);
        return 0;
      },
    });
    process.env.SKYPORT_UNSET = "before";
    try {
      const result = await run(printEnv, [], { env: { SKYPORT_GIVEN: "given", SKYPORT_UNSET: undefined } });
      assert.deepEqual(result, { status: 0, stdout: "given unset", stderr: "" });
      assert.equal(process.env.SKYPORT_GIVEN, undefined, "a given variable is gone afterwards");
      assert.equal(process.env.SKYPORT_UNSET, "before", "an unset variable is back afterwards");
    } finally {
      delete process.env.SKYPORT_UNSET;
    }
  });

  it("is every npm script's entry point, tools/<script>/cli.ts, and each answers --help", async () => {
    const scripts = (
      JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    const commands = readdirSync(join(PROJECT_DIR, "tools"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "lib")
      .map((entry) => entry.name)
      .sort();
    for (const name of commands) {
      assert.equal(
        scripts[name],
        `node --require ./bundler/register.cjs tools/${name}/cli.ts`,
        `npm run ${name} runs tools/${name}/cli.ts, bundled`,
      );
      const module = (await import(join(PROJECT_DIR, "tools", name, "cli.ts"))) as { default?: object };
      const command = (Object.values(module.default ?? module) as Array<Command<ParseArgsOptionsConfig>>).find(
        (exported) => exported.name === name,
      );
      assert.ok(command, `tools/${name}/cli.ts exports its command`);
      const help = await run(command, ["--help"]);
      assert.equal(help.status, 0, name);
      assert.match(help.stdout, new RegExp(`^usage: npm run ${name}( -- |\\n)`), name);
      assert.ok(help.stdout.split("\n\n")[1]?.length > 40, `${name} describes itself`);
    }
    const toolScripts = Object.entries(scripts).filter(
      ([, script]) => /tools\//.test(script) && !script.startsWith("bash"),
    );
    assert.deepEqual(toolScripts.map(([name]) => name).sort(), commands);
  });
});
