import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PLATFORM_REGISTRY } from "../../components/registry";
import { CONFIG_REFERENCE } from "../../tools/docs/cli";
import { platformKeyDocs, renderConfigReference, sharedKeyDocs } from "../../tools/lib/docs/configReference";

describe("docs/config.md, the stack config reference generated from the schemas", () => {
  it("is what the schemas say now (npm run docs writes it)", () => {
    assert.equal(readFileSync(CONFIG_REFERENCE, "utf8"), renderConfigReference(PLATFORM_REGISTRY), "run npm run docs");
  });

  it("describes every key, with its default and what it allows", () => {
    const docs = [
      ...sharedKeyDocs(PLATFORM_REGISTRY),
      ...Object.entries(PLATFORM_REGISTRY).flatMap(([name, definition]) =>
        platformKeyDocs(name, definition.settingsSchema),
      ),
    ];
    for (const doc of docs) {
      assert.ok(doc.description && doc.description.length > 10, `${doc.key} has a description`);
      assert.notEqual(doc.default, "none", `${doc.key} says what happens without it (a .meta default)`);
    }
    const byKey = Object.fromEntries(docs.map((doc) => [doc.key, doc]));
    assert.deepEqual(byKey["skyport:app.port"], {
      key: "skyport:app.port",
      description: "The port the container listens on; PORT is set to it.",
      default: "`3000`",
      allowed: "a whole number from 1 to 65535",
      secret: false,
    });
    assert.equal(byKey["skyport:app.maxInstances"].default, "the larger of minInstances and 3");
    assert.equal(byKey["skyport:render.apiKey"].secret, true);
    assert.equal(byKey["skyport:render.plan"].default, "required");
    assert.match(byKey["skyport:render.plan"].allowed ?? "", /^one of starter, standard/);
  });
});
