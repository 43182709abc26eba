import { describe, expect, test } from "vitest";
import { openEnums } from "../../openapi/overlays/open-enums.ts";
import { visitObjects, type SchemaObject } from "../../openapi/overlays/overlay.ts";
import { specWith } from "./support/documents.ts";
import { readSpec } from "./support/shared-specs.ts";

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

    expect(openEnums.apply(doc)).toBe(multi.length);
    expect(multi.every((e) => e["x-open-enum"] === true)).toBe(true);
    expect(single.some((e) => "x-open-enum" in e)).toBe(false);
    const s = doc.components.schemas;
    expect(s.Truncation).toMatchObject({ enum: ["auto", "disabled", null], "x-open-enum": true });
    expect(openEnums.apply(doc)).toBe(0);
  });
});
