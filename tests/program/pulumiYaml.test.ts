import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";

const project = parse(readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8"));

describe("Pulumi.yaml", () => {
  it("names the project skyport and keeps stack files in stacks/", () => {
    assert.equal(project.name, "skyport");
    assert.equal(project.stackConfigDir, "stacks");
    assert.equal(project.main, "index.ts");
  });

  it("runs TypeScript on nodejs bundled by bundler/register.cjs", () => {
    assert.deepEqual(project.runtime, {
      name: "nodejs",
      options: {
        typescript: false,
        nodeargs: "--require ./bundler/register.cjs --disable-warning=ExperimentalWarning",
      },
    });
  });

  it("declares the required string key with a type and a description", () => {
    for (const key of ["platform"]) {
      assert.equal(project.config[key].type, "string", key);
      assert.ok(project.config[key].description.length > 20, key);
    }
  });

  it("declares no key that a stack may leave out, such as the image (Pulumi would then require it)", () => {
    for (const [key, declaration] of Object.entries(project.config as Record<string, { default?: unknown }>)) {
      assert.ok(key === "platform" || "default" in declaration, key);
    }
  });
});
