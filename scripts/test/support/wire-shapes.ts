import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { SpecDocument } from "../../../openapi/overlays/index.ts";

/**
 * Validates `value` against `components.schemas[name]` of `doc` (JSON Schema 2020-12, as the
 * contract checks read a 3.1 spec) and returns ajv's errors as `instancePath message` lines:
 * empty when it validates. Each call compiles afresh, so a test may change `doc` in between.
 */
export function validatesAgainst(doc: SpecDocument, name: string, value: unknown): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addSchema(doc, "spec");
  const validate = ajv.compile({ $ref: `spec#/components/schemas/${name}` });
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const params = e.params as { allowedValues?: unknown };
    const extra = e.keyword === "enum" ? `: ${JSON.stringify(params.allowedValues)}` : "";
    return `${e.instancePath} ${e.message}${extra}`;
  });
}
