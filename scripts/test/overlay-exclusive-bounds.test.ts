import { describe, expect, test } from "vitest";
import { exclusiveBounds } from "../../openapi/overlays/exclusive-bounds.ts";
import { specWith } from "./support/documents.ts";
import { historySpecPath, readSpec } from "./support/shared-specs.ts";

describe("exclusive-bounds", () => {
  test("3.0-style boolean bounds become 3.1 numeric bounds", () => {
    const doc = specWith({
      schemas: {
        Scale: { type: "number", minimum: 0, exclusiveMinimum: true },
        Ratio: { type: "number", maximum: 1, exclusiveMaximum: true },
        Count: { type: "integer", minimum: 1, exclusiveMinimum: false },
        Modern: { type: "number", exclusiveMinimum: 0 },
      },
    });
    expect(exclusiveBounds.apply(doc)).toBe(3);
    const s = doc.components.schemas;
    expect(s.Scale).toEqual({ type: "number", exclusiveMinimum: 0 });
    expect(s.Ratio).toEqual({ type: "number", exclusiveMaximum: 1 });
    // `false` meant "inclusive": the flag goes, the inclusive bound stays.
    expect(s.Count).toEqual({ type: "integer", minimum: 1 });
    expect(s.Modern).toEqual({ type: "number", exclusiveMinimum: 0 });
  });

  test("a boolean flag without its bound is dropped (it bounded nothing)", () => {
    const doc = specWith({ schemas: { Loose: { type: "number", exclusiveMaximum: true } } });
    expect(exclusiveBounds.apply(doc)).toBe(1);
    expect(doc.components.schemas.Loose).toEqual({ type: "number" });
  });

  test("the real spec: VideoGenerationRequest.upscale_factor", () => {
    const doc = readSpec();
    const field = () => doc.components.schemas.VideoGenerationRequest.properties.upscale_factor;
    expect(field()).toMatchObject({ type: "number", minimum: 0, exclusiveMinimum: true });
    expect(exclusiveBounds.apply(doc)).toBe(1);
    expect(field().exclusiveMinimum).toBe(0);
    expect(field()).not.toHaveProperty("minimum");
    expect(field().type).toBe("number");
    expect(exclusiveBounds.apply(doc)).toBe(0);
  });

  test("an older snapshot: the `context` query parameter of GET /models", () => {
    const doc = readSpec(historySpecPath("2026-06-26T2342Z-e629c96f6.json"));
    const context = () =>
      doc.paths["/models"].get.parameters.find((p: { name: string }) => p.name === "context")
        .schema;
    expect(context()).toMatchObject({ minimum: 0, exclusiveMinimum: true });
    expect(exclusiveBounds.apply(doc)).toBe(1);
    expect(context().exclusiveMinimum).toBe(0);
    expect(context()).not.toHaveProperty("minimum");
  });
});
