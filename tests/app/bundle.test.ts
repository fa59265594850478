import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const bundle = readFileSync(join(root, "app", "dist", "server.js"), "utf8");
const lockfile = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version: string; dev?: boolean }>;
};

/** The packages the bundle requires at run time, other than node's own modules. */
function packagesRequiredAtRunTime(): string[] {
  const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
  const builtins = new Set(builtinModules);
  return [...new Set(required.filter((name) => !name.startsWith("node:") && !builtins.has(name)))].sort();
}

describe("app: the bundled server (app/build.mjs)", () => {
  it("leaves only mime-db and iconv-lite to node_modules", () => {
    assert.deepEqual(packagesRequiredAtRunTime(), ["iconv-lite", "mime-db"]);
  });

  it("finds each of them among the production packages the image installs", () => {
    for (const name of packagesRequiredAtRunTime()) {
      const hoisted = lockfile.packages[`node_modules/${name}`];
      assert.ok(hoisted, `${name} is not installed at the top of node_modules`);
      assert.notEqual(hoisted.dev, true, `${name} is installed only for development`);
    }
  });

  it("keeps names as written, so a stack trace still reads", () => {
    assert.match(bundle, /function createApp\(/);
    assert.match(bundle, /\/\/# sourceMappingURL=server\.js\.map/);
  });
});
