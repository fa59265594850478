import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnApp } from "../support/appProcess";

const RECORD_LOADED_MODULES = join(__dirname, "..", "support", "recordLoadedModules.cjs");

describe("app: Node internals it never loads", () => {
  it("answers JSON, errors included, without loading Node's fetch implementation (undici, ~3 MiB resident)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "skyport-modules-")), "loaded.json");
    const app = await spawnApp({
      NODE_OPTIONS: `--require ${JSON.stringify(RECORD_LOADED_MODULES)}`,
      LOADED_MODULES_FILE: file,
    });
    const base = `http://127.0.0.1:${app.port}`;
    try {
      const created = await fetch(`${base}/api/v1/items`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "one" }),
      });
      assert.equal(created.status, 201);
      const { id } = (await created.json()) as { id: string };
      const answers = await Promise.all([
        fetch(`${base}/api/v1/items/${id}`),
        fetch(`${base}/api/v1/items?limit=5`),
        fetch(`${base}/api/version`),
        fetch(`${base}/api/v1/items/${id}`, {
          method: "PATCH",
          body: JSON.stringify({ name: "two" }),
          headers: { "content-type": "application/json" },
        }),
        fetch(`${base}/api/v1/items`, {
          method: "POST",
          body: '{"name": 3}',
          headers: { "content-type": "application/json" },
        }),
        fetch(`${base}/no/such/route`),
        fetch(`${base}/health`, { method: "POST" }),
      ]);
      assert.deepEqual(
        answers.map((res) => [res.status, res.headers.get("content-type")]),
        [
          [200, "application/json; charset=utf-8"],
          [200, "application/json; charset=utf-8"],
          [200, "application/json; charset=utf-8"],
          [200, "application/json; charset=utf-8"],
          [400, "application/json; charset=utf-8"],
          [404, "application/json; charset=utf-8"],
          [405, "application/json; charset=utf-8"],
        ],
      );
    } finally {
      app.child.kill("SIGTERM");
      await app.exited;
    }
    const loaded = JSON.parse(readFileSync(file, "utf8")) as string[];
    assert.ok(loaded.includes("NativeModule _http_server"), "the record holds the http server it served with");
    assert.deepEqual(
      loaded.filter((name) => name.includes("undici")),
      [],
    );
  });
});
