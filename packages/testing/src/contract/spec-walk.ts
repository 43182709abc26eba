import { escapePointer } from "./operation-index";

type Json = Record<string, any>;

/** Where a schema sits: a request or response media type, a parameter, or a named schema. */
export type SchemaPlace = "request" | "response" | "parameter" | "component";

/** An example value and the schema it illustrates. */
export interface SpecExample {
  pointer: string;
  schemaPointer: string;
  where: SchemaPlace;
  value: unknown;
}

const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const SUBSCHEMAS = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
];

/**
 * Visits every schema of an OpenAPI document (named schemas, parameters, request and response
 * media types, and their subschemas) and collects every example with the schema it belongs to.
 * Example values are data and are not walked.
 */
export function walkSpecSchemas(
  doc: Json,
  visit: (schema: Json, pointer: string, where: SchemaPlace) => void,
): SpecExample[] {
  const examples: SpecExample[] = [];

  const walkSchema = (schema: unknown, pointer: string, where: SchemaPlace) => {
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return;
    const node = schema as Json;
    visit(node, pointer, where);
    if ("example" in node) {
      examples.push({
        pointer: `${pointer}/example`,
        schemaPointer: pointer,
        where,
        value: node.example,
      });
    }
    for (const key of SUBSCHEMA_MAPS) {
      for (const [name, sub] of Object.entries<unknown>(node[key] ?? {})) {
        walkSchema(sub, `${pointer}/${key}/${escapePointer(name)}`, where);
      }
    }
    for (const key of SUBSCHEMA_LISTS) {
      if (!Array.isArray(node[key])) continue;
      node[key].forEach((sub: unknown, i: number) =>
        walkSchema(sub, `${pointer}/${key}/${i}`, where),
      );
    }
    for (const key of SUBSCHEMAS) walkSchema(node[key], `${pointer}/${key}`, where);
  };

  const walkHolder = (holder: Json | undefined, pointer: string, where: SchemaPlace) => {
    if (!holder?.schema) return;
    walkSchema(holder.schema, `${pointer}/schema`, where);
    examples.push(...holderExamples(holder, pointer, where));
  };

  const walkContent = (content: Json | undefined, pointer: string, where: SchemaPlace) => {
    for (const [type, media] of Object.entries<Json>(content ?? {})) {
      walkHolder(media, `${pointer}/content/${escapePointer(type)}`, where);
    }
  };

  for (const [name, schema] of Object.entries<unknown>(doc.components?.schemas ?? {})) {
    walkSchema(schema, `/components/schemas/${escapePointer(name)}`, "component");
  }
  for (const [name, parameter] of Object.entries<Json>(doc.components?.parameters ?? {})) {
    walkHolder(parameter, `/components/parameters/${escapePointer(name)}`, "parameter");
  }
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries<Json>(item ?? {})) {
      if (typeof operation !== "object" || operation === null) continue;
      const base = `/paths/${escapePointer(path)}/${method}`;
      (operation.parameters ?? []).forEach((p: Json, i: number) =>
        walkHolder(p, `${base}/parameters/${i}`, "parameter"),
      );
      walkContent(operation.requestBody?.content, `${base}/requestBody`, "request");
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        walkContent(response?.content, `${base}/responses/${escapePointer(status)}`, "response");
      }
    }
  }
  return examples;
}

/** `example` and `examples.*.value` of a media type or parameter. */
function holderExamples(holder: Json, pointer: string, where: SchemaPlace): SpecExample[] {
  const schemaPointer = `${pointer}/schema`;
  const found: SpecExample[] = [];
  if ("example" in holder) {
    found.push({ pointer: `${pointer}/example`, schemaPointer, where, value: holder.example });
  }
  for (const [name, example] of Object.entries<Json>(holder.examples ?? {})) {
    if (example === null || typeof example !== "object" || !("value" in example)) continue;
    const at = `${pointer}/examples/${escapePointer(name)}/value`;
    found.push({ pointer: at, schemaPointer, where, value: example.value });
  }
  return found;
}
