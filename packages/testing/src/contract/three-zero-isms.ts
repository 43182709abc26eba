type Json = Record<string, any>;

/** A 3.0-ism found in one schema: which keyword and what to write instead. */
export interface ThreeZeroIsm {
  rule: "boolean-exclusive-bound" | "nullable-keyword" | "items-array";
  message: string;
}

/** OpenAPI 3.0 (JSON Schema draft 4/5) spellings that 3.1 (2020-12) reads differently. */
export function threeZeroIsms(schema: Json): ThreeZeroIsm[] {
  const found: ThreeZeroIsm[] = [];
  for (const key of ["exclusiveMinimum", "exclusiveMaximum"]) {
    if (typeof schema[key] !== "boolean") continue;
    found.push({
      rule: "boolean-exclusive-bound",
      message: `${key}: ${schema[key]} is OpenAPI 3.0; 3.1 wants the bound as a number`,
    });
  }
  if (typeof schema.nullable === "boolean") {
    found.push({
      rule: "nullable-keyword",
      message: 'nullable is OpenAPI 3.0; 3.1 ignores it (add "null" to type)',
    });
  }
  if (Array.isArray(schema.items)) {
    found.push({
      rule: "items-array",
      message: "items as an array is draft 4; 2020-12 spells tuples prefixItems",
    });
  }
  return found;
}

/** Rewrites one schema's 3.0-isms in place to what their authors meant in 3.1. */
export function rewriteAs31(schema: Json): void {
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof schema[flag] !== "boolean") continue;
    if (schema[flag] && typeof schema[bound] === "number") {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[flag];
    }
  }
  if (typeof schema.nullable === "boolean") {
    if (schema.nullable && typeof schema.type === "string") schema.type = [schema.type, "null"];
    delete schema.nullable;
  }
  if (Array.isArray(schema.items)) {
    schema.prefixItems = schema.items;
    delete schema.items;
  }
}
