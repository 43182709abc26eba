import { describe, expect, test } from "vitest";
import { deref, type SchemaObject } from "../../openapi/overlays/overlay.ts";
import {
  makeNullable,
  NULLABLE_FIELDS,
  nullableFields,
} from "../../openapi/overlays/nullable-fields.ts";
import type { SpecDocument } from "../../openapi/overlays/index.ts";
import { specWith } from "./support/documents.ts";
import { historySpecPath, readSpec } from "./support/shared-specs.ts";

/** Whether `null` validates against `schema` as far as type, enum and unions go. */
function acceptsNull(doc: SpecDocument, schema: SchemaObject, depth = 0): boolean {
  const s = deref(doc, schema);
  if (!s || depth > 20) return false;
  if (s.anyOf || s.oneOf) {
    return (s.anyOf ?? s.oneOf).some((x: SchemaObject) => acceptsNull(doc, x, depth + 1));
  }
  if (s.allOf) return s.allOf.every((x: SchemaObject) => acceptsNull(doc, x, depth + 1));
  const types = s.type === undefined ? undefined : [s.type].flat();
  if (types && !types.includes("null")) return false;
  if (Array.isArray(s.enum) && !s.enum.includes(null)) return false;
  return true;
}

const listed = Object.entries(NULLABLE_FIELDS).flatMap(([schema, fields]) =>
  fields.map((field) => [schema, field] as const),
);
const rejectingNull = (doc: SpecDocument) =>
  listed
    .filter(([schema, field]) => {
      const property = doc.components.schemas[schema]?.properties?.[field];
      return property && !acceptsNull(doc, property);
    })
    .map(([schema, field]) => `${schema}.${field}`);

describe("makeNullable", () => {
  test.each([
    [{ type: "number" }, { type: ["number", "null"] }],
    [{ type: ["integer", "string"] }, { type: ["integer", "string", "null"] }],
    [
      { type: "string", enum: ["a", "b"] },
      { type: ["string", "null"], enum: ["a", "b", null] },
    ],
    // An enum that lists null already keeps one null.
    [
      { type: "string", enum: ["a", null] },
      { type: ["string", "null"], enum: ["a", null] },
    ],
    [{ anyOf: [{ type: "string" }] }, { anyOf: [{ type: "string" }, { type: "null" }] }],
    [
      { $ref: "#/components/schemas/Thing", description: "kept on top" },
      {
        description: "kept on top",
        anyOf: [{ $ref: "#/components/schemas/Thing" }, { type: "null" }],
      },
    ],
  ])("%j → %j", (input, output) => {
    expect(makeNullable(input)).toEqual(output);
  });

  test("a schema that already accepts null is left alone", () => {
    expect(makeNullable({ type: ["string", "null"] })).toBe(false);
    expect(makeNullable({ oneOf: [{ type: "string" }, { type: "null" }] })).toBe(false);
  });

  test("a $ref whose target accepts null is left alone when the resolver follows it", () => {
    const doc = specWith({ schemas: { Maybe: { type: ["object", "null"] } } });
    const ref = { $ref: "#/components/schemas/Maybe" };
    expect(makeNullable(ref, (s) => deref(doc, s))).toBe(false);
  });
});

describe("nullable-fields", () => {
  test("the listed fields of a synthetic document accept null afterwards; others do not change", () => {
    const doc = specWith({
      schemas: {
        TopProviderInfo: {
          type: "object",
          properties: {
            context_length: { type: "integer" },
            max_completion_tokens: { type: ["integer", "null"] },
            is_moderated: { type: "boolean" },
          },
        },
        BaseResponsesResult: {
          type: "object",
          properties: {
            text: { $ref: "#/components/schemas/TextConfig" },
            truncation: { $ref: "#/components/schemas/Truncation" },
          },
        },
        TextConfig: { type: "object", properties: { verbosity: { type: "string" } } },
        Truncation: { type: ["string", "null"], enum: ["auto", "disabled", null] },
      },
    });
    expect(rejectingNull(doc)).toEqual([
      "TopProviderInfo.context_length",
      "BaseResponsesResult.text",
    ]);
    expect(nullableFields.apply(doc)).toBe(2);
    expect(rejectingNull(doc)).toEqual([]);
    const s = doc.components.schemas;
    expect(s.TopProviderInfo.properties.is_moderated).toEqual({ type: "boolean" });
    expect(s.BaseResponsesResult.properties.truncation).toEqual({
      $ref: "#/components/schemas/Truncation",
    });
    // The referenced schema itself is not changed: other users of TextConfig keep it non-null.
    expect(s.TextConfig.type).toBe("object");
    expect(nullableFields.apply(doc)).toBe(0);
  });

  test("the real spec: the two fields still wrong upstream are fixed, and only those", () => {
    const doc = readSpec();
    expect(rejectingNull(doc)).toEqual([
      "BaseResponsesResult.text",
      "BaseResponsesResult.top_logprobs",
    ]);
    expect(nullableFields.apply(doc)).toBe(2);
    expect(rejectingNull(doc)).toEqual([]);
  });

  test("an older snapshot, with 3.0-style `nullable: true` that 3.1 ignores", () => {
    const doc = readSpec(historySpecPath("2026-06-26T2342Z-e629c96f6.json"));
    const instructions = "BaseResponsesResult.instructions";
    expect(rejectingNull(doc)).toEqual(
      listed.map(([schema, field]) => `${schema}.${field}`).filter((f) => f !== instructions),
    );
    // `instructions` is `anyOf: [string, array, { nullable: true }]`: the last branch accepts any
    // value. The overlay does not read `nullable` and wraps it as well, which is harmless.
    expect(nullableFields.apply(doc)).toBe(listed.length);
    expect(rejectingNull(doc)).toEqual([]);
    expect(nullableFields.apply(doc)).toBe(0);
  });
});
