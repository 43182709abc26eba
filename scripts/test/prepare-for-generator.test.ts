import { describe, expect, test } from "vitest";
import {
  OPEN_ENUM_VALUES,
  hideOpenEnumValues,
  foldAnnotatedRefs,
  prepareForGenerator,
  stripExamples,
} from "../src/prepare-for-generator.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { specWith } from "./support/documents.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("stripExamples", () => {
  test("removes example keywords of schemas, parameters and media types", () => {
    const doc = specWith({
      schemas: {
        Size: { type: "integer", example: 3, examples: [1, 2] },
      },
      paths: {
        "/sizes": {
          get: {
            parameters: [{ name: "max", in: "query", schema: { type: "integer" }, example: 10 }],
            responses: {
              200: {
                description: "OK",
                content: {
                  "application/json": {
                    schema: ref("Size"),
                    example: 3,
                    examples: { small: { summary: "Small", value: 1 } },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(stripExamples(doc)).toBe(5);
    expect(doc.components.schemas.Size).toEqual({ type: "integer" });
    const get = doc.paths["/sizes"].get;
    expect(get.parameters[0]).toEqual({ name: "max", in: "query", schema: { type: "integer" } });
    expect(get.responses[200].content["application/json"]).toEqual({ schema: ref("Size") });
  });

  test("keeps properties and schemas that are named example or examples", () => {
    const doc = specWith({
      schemas: {
        example: { type: "string" },
        Quote: {
          type: "object",
          properties: {
            example: { type: "string", example: "to be" },
            examples: { type: "array", items: { type: "string" } },
          },
          required: ["example"],
        },
      },
    });
    expect(stripExamples(doc)).toBe(1);
    expect(doc.components.schemas.example).toEqual({ type: "string" });
    expect(doc.components.schemas.Quote.properties).toEqual({
      example: { type: "string" },
      examples: { type: "array", items: { type: "string" } },
    });
    expect(doc.components.schemas.Quote.required).toEqual(["example"]);
  });

  test("leaves data alone: an `example` key inside default, enum or const is a value", () => {
    const doc = specWith({
      schemas: {
        Options: {
          type: "object",
          default: { example: true },
          enum: [{ example: 1 }, { example: 2 }],
          const: { examples: ["a"] },
        },
      },
    });
    expect(stripExamples(doc)).toBe(0);
    expect(doc.components.schemas.Options).toEqual({
      type: "object",
      default: { example: true },
      enum: [{ example: 1 }, { example: 2 }],
      const: { examples: ["a"] },
    });
  });
});

describe("foldAnnotatedRefs", () => {
  test("folds allOf [$ref, annotations] in either order, and a lone allOf [$ref]", () => {
    const doc = specWith({
      schemas: {
        A: { allOf: [ref("U"), { description: "After.", "x-note": 1 }] },
        B: { allOf: [{ title: "Before", deprecated: true }, ref("U")] },
        C: { allOf: [ref("U")], description: "Outer." },
        U: { type: "string" },
      },
    });
    expect(foldAnnotatedRefs(doc)).toBe(3);
    const s = doc.components.schemas;
    expect(s.A).toEqual({ ...ref("U"), description: "After.", "x-note": 1 });
    expect(s.B).toEqual({ ...ref("U"), title: "Before", deprecated: true });
    expect(s.C).toEqual({ ...ref("U"), description: "Outer." });
  });

  test("an outer description wins over the inner one", () => {
    const doc = specWith({
      schemas: { A: { description: "Outer.", allOf: [ref("U"), { description: "Inner." }] } },
    });
    expect(foldAnnotatedRefs(doc)).toBe(1);
    expect(doc.components.schemas.A).toEqual({ description: "Outer.", ...ref("U") });
  });

  test("does not fold when a part or the outer schema constrains (it would be dropped)", () => {
    const cases = {
      TwoRefs: { allOf: [ref("U"), ref("V")] },
      Constraining: { allOf: [ref("U"), { properties: { extra: { type: "string" } } }] },
      OuterProperties: {
        type: "object",
        properties: { extra: { type: "string" } },
        allOf: [ref("U"), { description: "d" }],
      },
      NoRef: { allOf: [{ type: "string" }, { description: "d" }] },
    };
    const doc = specWith({ schemas: structuredClone(cases) });
    expect(foldAnnotatedRefs(doc)).toBe(0);
    expect(doc.components.schemas).toEqual(cases);
  });

  test("folds nested allOfs inside properties and items", () => {
    const doc = specWith({
      schemas: {
        List: {
          type: "object",
          properties: {
            data: { type: "array", items: { allOf: [ref("U"), { description: "One." }] } },
          },
        },
      },
    });
    expect(foldAnnotatedRefs(doc)).toBe(1);
    expect(doc.components.schemas.List.properties.data.items).toEqual({
      ...ref("U"),
      description: "One.",
    });
  });
});

describe("prepareForGenerator", () => {
  test("works on a copy and reports what it did", () => {
    const doc = specWith({
      schemas: {
        A: { allOf: [ref("U"), { description: "d", example: "x" }] },
        U: { type: "string" },
      },
    }) as OpenApiDocument;
    const before = structuredClone(doc);
    const stripped = prepareForGenerator(doc, { stripExamples: true });
    expect(stripped.stats).toEqual({ examplesStripped: 1, annotatedRefsFolded: 1, openEnums: 0 });
    expect(stripped.doc.components!.schemas!.A).toEqual({ ...ref("U"), description: "d" });
    expect(doc).toEqual(before);

    const kept = prepareForGenerator(doc, { stripExamples: false });
    expect(kept.stats).toEqual({ examplesStripped: 0, annotatedRefsFolded: 1, openEnums: 0 });
    expect(kept.doc.components!.schemas!.A).toEqual({
      ...ref("U"),
      description: "d",
      example: "x",
    });
  });
});

describe("hideOpenEnumValues", () => {
  test("moves an open enum's values aside, with the type they imply; closed enums stay", () => {
    const doc = {
      items: { enum: ["a", "b", null], "x-open-enum": true },
      typed: { type: "string", enum: ["c", "d"], "x-open-enum": true },
      closed: { type: "string", enum: ["tag"] },
    };
    expect(hideOpenEnumValues(doc)).toBe(2);
    expect(doc).toEqual({
      items: {
        [OPEN_ENUM_VALUES]: ["a", "b", null],
        type: ["string", "null"],
        "x-open-enum": true,
      },
      typed: { type: "string", [OPEN_ENUM_VALUES]: ["c", "d"], "x-open-enum": true },
      closed: { type: "string", enum: ["tag"] },
    });
  });
});
