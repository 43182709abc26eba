import { describe, expect, test } from "vitest";
import { contentPartReasoning } from "../../openapi/overlays/content-part-reasoning.ts";
import { specWith } from "./support/documents.ts";
import { readSpec } from "./support/shared-specs.ts";
import { validatesAgainst } from "./support/wire-shapes.ts";

const partEvent = (type: string, part: object) => ({
  type,
  item_id: "rs_overlay_1",
  output_index: 0,
  content_index: 0,
  sequence_number: 3,
  part,
});
const reasoning = { type: "reasoning_text", text: "Two plus two." };
const EVENTS = [
  ["ContentPartAddedEvent", "response.content_part.added"],
  ["ContentPartDoneEvent", "response.content_part.done"],
] as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("content-part-reasoning", () => {
  test("a synthetic allOf: the base takes the override's wider part", () => {
    const narrow = { anyOf: [ref("Text")] };
    const wide = { anyOf: [ref("Text"), ref("Reasoning")] };
    const doc = specWith({
      schemas: {
        BasePart: { type: "object", properties: { part: narrow, n: { type: "integer" } } },
        ContentPartAddedEvent: {
          allOf: [ref("BasePart"), { type: "object", properties: { part: wide } }],
        },
        Text: { type: "object" },
        Reasoning: { type: "object" },
      },
    });
    expect(contentPartReasoning.apply(doc)).toBe(1);
    const s = doc.components.schemas;
    expect(s.BasePart.properties.part).toEqual(wide);
    expect(s.BasePart.properties.n).toEqual({ type: "integer" });
    expect(contentPartReasoning.apply(doc)).toBe(0);
  });

  test("events without an overriding part are left alone", () => {
    const doc = specWith({
      schemas: {
        ContentPartDoneEvent: { type: "object", properties: { part: { type: "object" } } },
      },
    });
    expect(contentPartReasoning.apply(doc)).toBe(0);
  });

  test.each(EVENTS)(
    "the real spec: %s with a reasoning_text part fails before, validates after",
    (schema, type) => {
      const doc = readSpec();
      const event = partEvent(type, reasoning);
      expect(validatesAgainst(doc, schema, event)).toContain(
        '/part/type must be equal to one of the allowed values: ["output_text"]',
      );
      expect(contentPartReasoning.apply(doc)).toBe(2);
      expect(validatesAgainst(doc, schema, event)).toEqual([]);
      const text = { type: "output_text", text: "4", annotations: [] };
      expect(validatesAgainst(doc, schema, partEvent(type, text))).toEqual([]);
      // Still not anything goes: an unknown part type fails.
      expect(
        validatesAgainst(doc, schema, partEvent(type, { type: "audio" })).length,
      ).toBeGreaterThan(0);
    },
  );
});
