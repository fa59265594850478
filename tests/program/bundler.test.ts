import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";

const BUNDLES = join(PROJECT_DIR, "node_modules", ".cache", "skyport-bundles");

/** The bundle cached for an entry of the project at `root`: named by the entry's path in it. */
const cachedBundle = (root: string, entry: string) =>
  join(BUNDLES, `${createHash("sha256").update(relative(root, entry)).digest("hex")}.json`);

const ENTRY_SOURCE = [
  'import { value } from "./value";',
  "const loaded: boolean = Object.keys(require.cache).some((file) => file.includes(`${'/'}esbuild${'/'}`));",
  "process.stdout.write(JSON.stringify({ value: value(), esbuild: loaded }));",
  "",
].join("\n");

/**
 * An entry and its import in a folder below the one it is run from, as npm runs a script
 * (`tools/<script>/cli.ts` from the project's folder): node with the project's register.cjs.
 */
function scratchEntry() {
  const dir = mkdtempSync(join(tmpdir(), "skyport-bundler-"));
  const folder = join(dir, "tools");
  mkdirSync(folder);
  const entry = join(folder, "entry.ts");
  writeFileSync(entry, ENTRY_SOURCE);
  const run = () => {
    const register = join(PROJECT_DIR, "bundler", "register.cjs");
    const result = spawnSync(process.execPath, ["--require", register, entry], { cwd: dir, encoding: "utf8" });
    return { status: result.status, stderr: result.stderr, out: result.status === 0 ? JSON.parse(result.stdout) : {} };
  };
  const dispose = () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cachedBundle(PROJECT_DIR, entry), { force: true });
  };
  return { folder, run, dispose };
}

/** A copy of the project's bundler with an entry of its own, sharing the project's node_modules, as the engine tier copies it. */
function projectCopy() {
  const root = mkdtempSync(join(tmpdir(), "skyport-bundler-copy-"));
  cpSync(join(PROJECT_DIR, "bundler"), join(root, "bundler"), { recursive: true });
  symlinkSync(join(PROJECT_DIR, "node_modules"), join(root, "node_modules"), "dir");
  writeFileSync(join(root, "value.ts"), 'export const value = (): string => "copied";\n');
  writeFileSync(join(root, "entry.ts"), ENTRY_SOURCE);
  const run = () => {
    const result = spawnSync(
      process.execPath,
      ["--require", join(root, "bundler", "register.cjs"), join(root, "entry.ts")],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as { value: string; esbuild: boolean };
  };
  return { root, run, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

describe("bundler/register.cjs, how TypeScript runs outside the tests", () => {
  it("bundles an entry with what it imports, reuses the bundle while nothing changed, and bundles an edit again", () => {
    const scratch = scratchEntry();
    try {
      writeFileSync(join(scratch.folder, "value.ts"), 'export const value = (): string => "one";\n');
      assert.deepEqual(scratch.run().out, { value: "one", esbuild: true });
      assert.deepEqual(scratch.run().out, { value: "one", esbuild: false }, "the cached bundle, without esbuild");
      writeFileSync(join(scratch.folder, "value.ts"), 'export const value = (): string => "two";\n');
      assert.deepEqual(scratch.run().out, { value: "two", esbuild: true }, "an edited import is bundled again");
    } finally {
      scratch.dispose();
    }
  });

  it("points an error's stack at the TypeScript file and line it came from, run from the folder above", () => {
    const scratch = scratchEntry();
    try {
      const value = join(scratch.folder, "value.ts");
      writeFileSync(
        value,
        '// a comment, so the throw is on line 3\nexport function value(): string {\n  throw new Error("broken");\n}\n',
      );
      const failed = scratch.run();
      assert.equal(failed.status, 1);
      assert.ok(failed.stderr.includes(`Error: broken\n    at value (${value}:3:`), failed.stderr);
    } finally {
      scratch.dispose();
    }
  });

  it("lets two copies of the project that share node_modules share one cached bundle", () => {
    const first = projectCopy();
    const second = projectCopy();
    try {
      assert.deepEqual(first.run(), { value: "copied", esbuild: true });
      assert.deepEqual(second.run(), { value: "copied", esbuild: false }, "the first copy's bundle, reused");
      const cached = readFileSync(cachedBundle(first.root, join(first.root, "entry.ts")), "utf8");
      assert.ok(!cached.includes(first.root) && !cached.includes(second.root), "the bundle names no copy's folder");
    } finally {
      rmSync(cachedBundle(first.root, join(first.root, "entry.ts")), { force: true });
      first.dispose();
      second.dispose();
    }
  });
});
