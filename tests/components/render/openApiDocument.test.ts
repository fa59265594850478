import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RENDER_OPENAPI_PATH } from "../../support/fakeRender/openApiValidator";
import { PROJECT_DIR } from "../../../tools/lib/plan/stackFile";

const SHARED_COPY = join(PROJECT_DIR, "..", "shared", "render", "openapi.json");

describe("Render's OpenAPI document", () => {
  const vendored = readFileSync(RENDER_OPENAPI_PATH, "utf8");
  const document = JSON.parse(vendored) as { openapi: string; paths: Record<string, unknown> };

  it("is vendored with every path the client calls", () => {
    assert.match(document.openapi, /^3\./);
    for (const path of [
      "/services",
      "/services/{serviceId}",
      "/services/{serviceId}/env-vars",
      "/services/{serviceId}/deploys",
      "/services/{serviceId}/deploys/{deployId}",
      "/services/{serviceId}/autoscaling",
      "/services/{serviceId}/scale",
      "/services/{serviceId}/custom-domains",
      "/services/{serviceId}/custom-domains/{customDomainIdOrName}",
      "/registrycredentials",
      "/registrycredentials/{registryCredentialId}",
    ]) {
      assert.ok(path in document.paths, path);
    }
  });

  it("is the same document as the shared copy, where one sits beside the repository", () => {
    const shared = existsSync(SHARED_COPY) ? readFileSync(SHARED_COPY, "utf8") : vendored;
    assert.equal(vendored, shared);
  });
});
