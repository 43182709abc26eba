import { isAnnotation } from "./schema-annotations.ts";
import type { OpenApiDocument } from "./spec-document.ts";

type Node = Record<string, unknown>;

/** Keys whose values are maps of names to schemas: their entries are never keywords. */
const SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "schemas",
  "responses",
  "parameters",
  "headers",
  "examples",
  "requestBodies",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "paths",
  "content",
  "encoding",
  "mapping",
]);
/** Keywords whose values are instance data, not schemas: an `example` key in them is data. */
const DATA_KEYWORDS = new Set(["default", "enum", "const"]);

/**
 * Removes `example`/`examples` keywords (not properties that happen to be called "example").
 * Returns how many were removed.
 */
export function stripExamples(node: unknown, inMap = false): number {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + stripExamples(item), 0);
  if (node === null || typeof node !== "object") return 0;
  let removed = 0;
  const object = node as Node;
  for (const key of Object.keys(object)) {
    if (!inMap && (key === "example" || (key === "examples" && isExampleValue(object[key])))) {
      delete object[key];
      removed++;
      continue;
    }
    if (!inMap && DATA_KEYWORDS.has(key)) continue;
    removed += stripExamples(object[key], !inMap && SCHEMA_MAPS.has(key));
  }
  return removed;
}

// `examples` is a keyword when it holds values (schema: array; media type: map of Example
// objects). A media type's `examples` map is a keyword too, so both go.
function isExampleValue(value: unknown): boolean {
  return Array.isArray(value) || (value !== null && typeof value === "object");
}

/**
 * `allOf: [{ $ref: U }, { description }]` (or `allOf: [{ $ref: U }]`) makes openapi-typescript
 * emit `Omit<U, "type">` when U is a discriminated union, which loses narrowing. A `$ref` with
 * sibling annotations means the same in OpenAPI 3.1, so the parts are folded into one schema.
 * Only when every other keyword is an annotation: openapi-typescript ignores a `$ref`'s siblings,
 * so folding beside `properties` or `type` would drop them. Returns how many were folded.
 */
export function foldAnnotatedRefs(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + foldAnnotatedRefs(item), 0);
  if (node === null || typeof node !== "object") return 0;
  const object = node as Node;
  let folded = 0;
  for (const value of Object.values(object)) folded += foldAnnotatedRefs(value);
  const parts = object.allOf;
  if (!Array.isArray(parts) || parts.length === 0) return folded;
  if (!Object.keys(object).every((k) => k === "allOf" || isAnnotation(k))) return folded;
  const refs = parts.filter((p) => typeof (p as Node)?.$ref === "string");
  const rest = parts.filter((p) => !refs.includes(p)) as Node[];
  if (refs.length !== 1) return folded;
  if (!rest.every((p) => p !== null && Object.keys(p).every(isAnnotation))) return folded;
  delete object.allOf;
  object.$ref = (refs[0] as Node).$ref;
  for (const part of rest) for (const [k, v] of Object.entries(part)) object[k] ??= v;
  return folded + 1;
}

/** Where {@link hideOpenEnumValues} puts an open enum's values. */
export const OPEN_ENUM_VALUES = "x-open-enum-values";

/**
 * openapi-typescript types an `enum` itself and calls our `transform` only for component
 * schemas and properties, so open enums in array items, parameters and union branches came out
 * closed. Moving an open enum's values to {@link OPEN_ENUM_VALUES} (with the `type` they
 * imply) sends every one of them through the transform. Returns how many were moved.
 */
export function hideOpenEnumValues(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + hideOpenEnumValues(item), 0);
  if (node === null || typeof node !== "object") return 0;
  const object = node as Node;
  let moved = 0;
  for (const value of Object.values(object)) moved += hideOpenEnumValues(value);
  if (object["x-open-enum"] !== true || !Array.isArray(object.enum)) return moved;
  const values = object.enum;
  delete object.enum;
  object[OPEN_ENUM_VALUES] = values;
  object.type ??= values.includes(null) ? ["string", "null"] : "string";
  return moved + 1;
}

/** Generator-only rewrites, applied to a copy of the overlaid document. */
export function prepareForGenerator(doc: OpenApiDocument, options: { stripExamples: boolean }) {
  const copy = structuredClone(doc);
  const examples = options.stripExamples ? stripExamples(copy) : 0;
  const folded = foldAnnotatedRefs(copy);
  const openEnums = hideOpenEnumValues(copy);
  return {
    doc: copy,
    stats: { examplesStripped: examples, annotatedRefsFolded: folded, openEnums },
  };
}
