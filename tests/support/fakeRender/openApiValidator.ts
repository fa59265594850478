import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { PROJECT_DIR } from "../../../tools/lib/plan/stackFile";

/**
 * Render's published API description, vendored from shared/render/openapi.json. Found from the
 * project's root, as `npm run record-previews` runs this code bundled from another folder.
 */
export const RENDER_OPENAPI_PATH = join(PROJECT_DIR, "components", "render", "api", "render-openapi.json");

const DOCUMENT_ID = "render-openapi";

/** Validates JSON against the schemas of Render's OpenAPI document, by JSON pointer. */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly document: Record<string, unknown>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(path = RENDER_OPENAPI_PATH) {
    this.document = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    this.ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
    this.ajv.addSchema({ ...this.document, $id: DOCUMENT_ID });
  }

  /**
   * Like errors(), but with one property of the object schema left unchecked: for a property
   * that is a `oneOf` the document leaves ambiguous (e.g. `service.serviceDetails`), to be
   * checked against the branch that applies.
   */
  errorsWithout(pointer: string, property: string, value: unknown): string | undefined {
    const key = `${pointer}#without:${property}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = structuredClone(this.at(pointer)) as { properties: Record<string, unknown> };
      schema.properties[property] = {};
      const rooted = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${DOCUMENT_ID}#/`)) as object;
      validate = this.ajv.compile(rooted);
      this.compiled.set(key, validate);
    }
    return validate(value) ? undefined : this.ajv.errorsText(validate.errors, { dataVar: "body" });
  }

  private at(pointer: string): unknown {
    return pointer
      .split("/")
      .slice(1)
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], this.document);
  }

  /** Errors of `value` against the schema at `pointer` (e.g. `/components/schemas/servicePOST`), or undefined when valid. */
  errors(pointer: string, value: unknown): string | undefined {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      this.compiled.set(pointer, validate);
    }
    if (validate(value)) return undefined;
    return this.ajv.errorsText(validate.errors, { dataVar: "body" });
  }

  /** The request body schema of an operation, as a JSON pointer. */
  static requestBody(path: string, method: string): string {
    const escaped = path.replace(/~/g, "~0").replace(/\//g, "~1");
    return `/paths/${escaped}/${method}/requestBody/content/application~1json/schema`;
  }
}
