import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, any>;

/** OpenAPI keywords that say something about a schema without constraining values. */
const OPENAPI_ANNOTATIONS = ["example", "discriminator", "xml", "externalDocs"];

/** The `$id` under which the whole document is registered: refs read `spec#/components/...`. */
export const SPEC_ID = "spec";

/** Walks schema positions only: example values are data, not schemas. */
function visitSchemas(node: unknown, fn: (object: Json) => void): void {
  if (Array.isArray(node)) for (const item of node) visitSchemas(item, fn);
  else if (node !== null && typeof node === "object") {
    fn(node as Json);
    for (const [key, value] of Object.entries(node)) {
      if (key !== "example" && key !== "examples") visitSchemas(value, fn);
    }
  }
}

/** Every `format` name the document's schemas use, and every `x-` keyword. */
export function specVocabulary(doc: object): { formats: string[]; extensions: string[] } {
  const formats = new Set<string>();
  const extensions = new Set<string>();
  visitSchemas(doc, (node) => {
    if (typeof node.format === "string") formats.add(node.format);
    for (const key of Object.keys(node)) if (key.startsWith("x-")) extensions.add(key);
  });
  return { formats: [...formats].sort(), extensions: [...extensions].sort() };
}

export interface SpecAjv {
  ajv: Ajv2020;
  /** Formats the document uses that neither JSON Schema nor ajv-formats define: not checked. */
  annotationFormats: string[];
}

/**
 * An Ajv (JSON Schema 2020-12) holding `doc` as schema `spec`, nothing compiled yet. Formats come
 * from ajv-formats (which has OpenAPI's `int32`, `int64`, `float`, `double`, `byte`, `binary`,
 * `password`); a format name it lacks is registered as an annotation and listed.
 */
export function createSpecAjv(doc: Json): SpecAjv {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    // The document is not a JSON Schema (paths, components): skip meta-validation.
    validateSchema: false,
    // Unknown formats are registered below, so there is nothing left to warn about.
    logger: false,
    // Compile each referenced schema once and share it, rather than inlining it everywhere:
    // about twice as fast when many schemas that reference each other are compiled.
    inlineRefs: false,
  });
  addFormats(ajv);
  const { formats, extensions } = specVocabulary(doc);
  const annotationFormats = formats.filter((name) => !ajv.formats[name]);
  for (const name of annotationFormats) ajv.addFormat(name, true);
  for (const keyword of [...OPENAPI_ANNOTATIONS, ...extensions]) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }
  ajv.addSchema(doc, SPEC_ID);
  return { ajv, annotationFormats };
}
