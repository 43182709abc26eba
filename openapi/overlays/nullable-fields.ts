import type { Overlay, SchemaObject } from "./overlay.ts";

/** Fields the spec marks non-null that the API answers with `null`. */
export const NULLABLE_FIELDS: Record<string, string[]> = {
  DefaultParameters: [
    "frequency_penalty",
    "presence_penalty",
    "repetition_penalty",
    "temperature",
    "top_p",
  ],
  TopProviderInfo: ["context_length", "max_completion_tokens"],
  BaseResponsesResult: [
    "error",
    "incomplete_details",
    "instructions",
    "max_output_tokens",
    "max_tool_calls",
    "reasoning",
    "text",
    "truncation",
    "top_logprobs",
  ],
};

/** Makes a schema accept `null`; returns false when it already did. */
export function makeNullable(schema: SchemaObject): SchemaObject | false {
  if (acceptsNull(schema)) return false;
  if (typeof schema.type === "string")
    return { ...schema, type: [schema.type, "null"], ...nullEnum(schema) };
  if (Array.isArray(schema.type))
    return { ...schema, type: [...schema.type, "null"], ...nullEnum(schema) };
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[key])) return { ...schema, [key]: [...schema[key], { type: "null" }] };
  }
  const { description, ...rest } = schema;
  return { ...(description ? { description } : {}), anyOf: [rest, { type: "null" }] };
}

function nullEnum(schema: SchemaObject): SchemaObject {
  return Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {};
}

function acceptsNull(schema: SchemaObject): boolean {
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null")))
    return true;
  return ["anyOf", "oneOf"].some(
    (key) => Array.isArray(schema[key]) && schema[key].some((s: SchemaObject) => acceptsNull(s)),
  );
}

export const nullableFields: Overlay = {
  name: "nullable-fields",
  description: "Let fields the API really answers with null accept null.",
  apply(doc) {
    let changed = 0;
    for (const [schemaName, fields] of Object.entries(NULLABLE_FIELDS)) {
      const properties = doc.components?.schemas?.[schemaName]?.properties;
      if (!properties) continue;
      for (const field of fields) {
        if (!properties[field]) continue;
        const next = makeNullable(properties[field]);
        if (!next) continue;
        properties[field] = next;
        changed++;
      }
    }
    return changed;
  },
};
