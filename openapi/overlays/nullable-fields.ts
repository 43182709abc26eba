import { deref, type Overlay, type SchemaObject } from "./overlay.ts";

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

type Resolve = (schema: SchemaObject) => SchemaObject | undefined;

/**
 * Makes a schema accept `null`; returns false when it already did. `resolve` follows `$ref`s, so
 * a field whose referenced schema already accepts null counts as fixed upstream.
 */
export function makeNullable(
  schema: SchemaObject,
  resolve: Resolve = (s) => s,
): SchemaObject | false {
  if (acceptsNull(schema, resolve)) return false;
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
  if (!Array.isArray(schema.enum) || schema.enum.includes(null)) return {};
  return { enum: [...schema.enum, null] };
}

function acceptsNull(schema: SchemaObject, resolve: Resolve, seen = new Set<unknown>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const target = resolve(schema);
  if (!target || typeof target !== "object") return false;
  if (target.type === "null" || (Array.isArray(target.type) && target.type.includes("null")))
    return true;
  return ["anyOf", "oneOf"].some(
    (key) =>
      Array.isArray(target[key]) &&
      target[key].some((s: SchemaObject) => acceptsNull(s, resolve, seen)),
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
        const next = makeNullable(properties[field], (s) => deref(doc, s));
        if (!next) continue;
        properties[field] = next;
        changed++;
      }
    }
    return changed;
  },
};
