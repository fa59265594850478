import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";

const REGISTER = join(PROJECT_DIR, "bundler", "register.cjs");
const BUNDLES = join(PROJECT_DIR, "node_modules", ".cache", "skyport-bundles");

/** The entry, its import and the bundle cached for it, in a folder of their own. */
function scratchEntry() {
  const dir = mkdtempSync(join(tmpdir(), "skyport-bundler-"));
  const entry = join(dir, "entry.ts");
  const cached = join(BUNDLES, `${createHash("sha256").update(entry).digest("hex")}.json`);
  writeFileSync(
    entry,
    [
      'import { value } from "./value";',
      "const loaded: boolean = Object.keys(require.cache).some((file) => file.includes(`${'/'}esbuild${'/'}`));",
      "process.stdout.write(JSON.stringify({ value: value(), esbuild: loaded }));",
      "",
    ].join("\n"),
  );
  const run = () => {
    const result = spawnSync(process.execPath, ["--require", REGISTER, entry], { cwd: dir, encoding: "utf8" });
    return { status: result.status, stderr: result.stderr, out: result.status === 0 ? JSON.parse(result.stdout) : {} };
  };
  const dispose = () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cached, { force: true });
  };
  return { dir, run, dispose };
}

describe("bundler/register.cjs, how TypeScript runs outside the tests", () => {
  it("bundles an entry with what it imports, reuses the bundle while nothing changed, and bundles an edit again", () => {
    const scratch = scratchEntry();
    try {
      writeFileSync(join(scratch.dir, "value.ts"), 'export const value = (): string => "one";\n');
      assert.deepEqual(scratch.run().out, { value: "one", esbuild: true });
      assert.deepEqual(scratch.run().out, { value: "one", esbuild: false }, "the cached bundle, without esbuild");
      writeFileSync(join(scratch.dir, "value.ts"), 'export const value = (): string => "two";\n');
      assert.deepEqual(scratch.run().out, { value: "two", esbuild: true }, "an edited import is bundled again");
    } finally {
      scratch.dispose();
    }
  });

  it("points an error's stack at the TypeScript file and line it came from", () => {
    const scratch = scratchEntry();
    try {
      writeFileSync(
        join(scratch.dir, "value.ts"),
        '// a comment, so the throw is on line 3\nexport function value(): string {\n  throw new Error("broken");\n}\n',
      );
      const failed = scratch.run();
      assert.equal(failed.status, 1);
      assert.match(failed.stderr, /Error: broken\n\s+at value \(.*value\.ts:3:\d+\)/);
    } finally {
      scratch.dispose();
    }
  });
});
