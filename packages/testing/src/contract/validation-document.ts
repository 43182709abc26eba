type Json = Record<string, any>;

/** Which side of the wire a copy of the document validates: what we send, or what the API sends. */
export type Side = "request" | "response";

function visit(node: unknown, fn: (object: Json) => void): void {
  if (Array.isArray(node)) for (const item of node) visit(item, fn);
  else if (node !== null && typeof node === "object") {
    fn(node as Json);
    for (const value of Object.values(node)) visit(value, fn);
  }
}

/**
 * An `x-open-enum` schema (our open-enums overlay) lists known values, not all values: its
 * `enum` becomes documentation and only the type of its values is checked.
 */
function openEnum(schema: Json): void {
  if (schema["x-open-enum"] !== true || !Array.isArray(schema.enum)) return;
  const values: unknown[] = schema.enum;
  schema["x-known-values"] = values;
  delete schema.enum;
  if (schema.type === undefined) {
    schema.type = values.includes(null) ? ["string", "null"] : "string";
  }
}

/** The API adds fields as it grows: responses may carry properties the spec closes off. */
function openObject(schema: Json): void {
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  if (schema.unevaluatedProperties === false) delete schema.unevaluatedProperties;
}

/**
 * Once enums and objects are open, the branches of the spec's unions overlap (a chunk with an
 * unknown `type` fits two variants): a value must fit at least one branch, as a union type says.
 */
function unionAsAnyOf(schema: Json): void {
  if (!Array.isArray(schema.oneOf)) return;
  if (schema.anyOf === undefined) schema.anyOf = schema.oneOf;
  else schema.allOf = [...(schema.allOf ?? []), { anyOf: schema.oneOf }];
  delete schema.oneOf;
}

/**
 * A copy of `doc` prepared for validating one side of the wire. Both sides: open enums accept
 * unknown values. Response side only: closed objects accept extra fields, and `oneOf` is read
 * as `anyOf`. Requests stay strict, so a typo in what we send is caught.
 */
export function validationDocument(doc: object, side: Side): Json {
  const copy = structuredClone(doc) as Json;
  visit(copy, (node) => {
    openEnum(node);
    if (side === "response") {
      openObject(node);
      unionAsAnyOf(node);
    }
  });
  return copy;
}
