import { describe, expect, test } from "vitest";
import { openEnums } from "../../openapi/overlays/open-enums.ts";
import { visitObjects, type SchemaObject } from "../../openapi/overlays/overlay.ts";
import { specWith } from "./support/documents.ts";
import { readSpec } from "./support/shared-specs.ts";
import { generateTypes } from "../src/generate.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";

describe("open-enums", () => {
  test("multi-value string enums open; single-value and non-string enums stay closed", () => {
    const doc = specWith({
      schemas: {
        FinishReason: { type: "string", enum: ["stop", "length"] },
        NullableReason: { type: ["string", "null"], enum: ["stop", "length", null] },
        Tag: { type: "string", enum: ["chat.completion.chunk"] },
        TagOrNull: { type: ["string", "null"], enum: ["only", null] },
        Level: { type: "integer", enum: [1, 2, 3] },
        Pinned: { type: "string", enum: ["a", "b"], "x-open-enum": false },
      },
    });
    expect(openEnums.apply(doc)).toBe(2);
    const s = doc.components.schemas;
    expect(s.FinishReason["x-open-enum"]).toBe(true);
    expect(s.NullableReason["x-open-enum"]).toBe(true);
    for (const closed of ["Tag", "TagOrNull", "Level"])
      expect(s[closed]).not.toHaveProperty("x-open-enum");
    expect(s.Pinned["x-open-enum"]).toBe(false); // an explicit decision is kept
    // The values stay: they are still documentation and autocomplete.
    expect(s.FinishReason.enum).toEqual(["stop", "length"]);
    expect(openEnums.apply(doc)).toBe(0);
  });

  test("the real spec: every multi-value string enum opens, every single-value one stays closed", () => {
    const doc = readSpec();
    const enums = (): SchemaObject[] => {
      const found: SchemaObject[] = [];
      visitObjects(doc, (node) => void (Array.isArray(node.enum) && found.push(node)));
      return found;
    };
    const values = (node: SchemaObject) => node.enum.filter((v: unknown) => v !== null);
    expect(enums().some((e) => e["x-open-enum"] !== undefined)).toBe(false);
    const multi = enums().filter(
      (e) => values(e).length > 1 && values(e).every((v: unknown) => typeof v === "string"),
    );
    const single = enums().filter((e) => values(e).length === 1);
    expect(multi.length).toBeGreaterThan(50);
    expect(single.length).toBeGreaterThan(50);

    const isTag = (b: SchemaObject) => Array.isArray(b?.enum) && b.enum.length === 1;
    const split = [] as SchemaObject[];
    visitObjects(doc, (node) => {
      for (const key of ["anyOf", "oneOf"]) {
        if (node[key]?.filter(isTag).length > 1) split.push(node);
      }
    });
    expect(split.length).toBeGreaterThanOrEqual(15);

    expect(openEnums.apply(doc)).toBe(multi.length + split.length * 2);
    expect(multi.every((e) => e["x-open-enum"] === true)).toBe(true);
    expect(single.some((e) => "x-open-enum" in e)).toBe(false);
    const s = doc.components.schemas;
    expect(s.Truncation).toMatchObject({ enum: ["auto", "disabled", null], "x-open-enum": true });
    // Each split enum is one open enum now: `status` of Responses output items among them.
    expect(split.every((n) => !n.anyOf?.some(isTag) && !n.oneOf?.some(isTag))).toBe(true);
    expect(s.OutputMessage.properties.status).toMatchObject({
      enum: ["completed", "incomplete", "in_progress"],
      "x-open-enum": true,
    });
    expect(openEnums.apply(doc)).toBe(0);
  });

  test("an anyOf of one-value enums is one enum: merged, then opened; other branches stay", () => {
    const doc = specWith({
      schemas: {
        Status: {
          description: "Where the item is.",
          anyOf: [
            { type: "string", enum: ["completed"] },
            { type: "string", enum: ["in_progress"] },
          ],
        },
        Choice: {
          anyOf: [
            { type: "string", enum: ["none"] },
            { type: "string", enum: ["auto"] },
            { $ref: "#/components/schemas/Named" },
            { type: "null" },
          ],
        },
        Named: { type: "object", properties: { name: { type: "string" } } },
        OneTag: { anyOf: [{ type: "string", enum: ["only"] }, { type: "integer" }] },
      },
    });
    expect(openEnums.apply(doc)).toBe(4); // two merges, two marks
    const s = doc.components.schemas;
    expect(s.Status).toEqual({
      description: "Where the item is.",
      type: "string",
      enum: ["completed", "in_progress"],
      "x-open-enum": true,
    });
    expect(s.Choice.anyOf).toEqual([
      { type: "string", enum: ["none", "auto"], "x-open-enum": true },
      { $ref: "#/components/schemas/Named" },
      { type: "null" },
    ]);
    // A lone tag is a discriminator value: it stays a closed branch.
    expect(s.OneTag.anyOf[0]).toEqual({ type: "string", enum: ["only"] });
  });

  test("open enums are open wherever they sit: items, parameters, union branches", async () => {
    const doc = specWith({
      schemas: {
        Request: {
          type: "object",
          properties: {
            modalities: { type: "array", items: { type: "string", enum: ["text", "image"] } },
            status: {
              anyOf: [
                { type: "string", enum: ["a"] },
                { type: "string", enum: ["b"] },
              ],
            },
            phase: { anyOf: [{ type: "string", enum: ["x", "y"] }, { type: "null" }] },
          },
        },
      },
      paths: {
        "/models": {
          get: {
            operationId: "getModels",
            parameters: [
              { name: "category", in: "query", schema: { type: "string", enum: ["code", "chat"] } },
            ],
            responses: { 200: { description: "OK" } },
          },
        },
      },
    }) as OpenApiDocument;
    const types = (await generateTypes(doc, "f".repeat(64))).files["openapi.ts"]!;
    expect(types).toContain('modalities?: ("text" | "image" | (string & {}))[];');
    expect(types).toContain('status?: "a" | "b" | (string & {});');
    expect(types).toContain('phase?: ("x" | "y" | (string & {})) | null;');
    expect(types).toContain('category?: "code" | "chat" | (string & {});');
  });
});
