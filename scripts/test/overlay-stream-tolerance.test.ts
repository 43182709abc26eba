import { describe, expect, test } from "vitest";
import { streamTolerance } from "../../openapi/overlays/stream-tolerance.ts";
import { specWith } from "./support/documents.ts";
import { historySpecPath, readSpec } from "./support/shared-specs.ts";

describe("stream-tolerance", () => {
  test("a synthetic chunk: string error codes, finish_reason and system_fingerprint optional", () => {
    const doc = specWith({
      schemas: {
        ChatStreamChunk: {
          type: "object",
          properties: {
            id: { type: "string" },
            system_fingerprint: { type: "string" },
            error: {
              type: "object",
              properties: {
                code: { type: "integer", format: "int32" },
                message: { type: "string" },
              },
            },
          },
          required: ["id", "system_fingerprint"],
        },
        ChatStreamChoice: {
          type: "object",
          properties: { index: { type: "integer" }, finish_reason: { type: ["string", "null"] } },
          required: ["index", "finish_reason"],
        },
      },
    });
    expect(streamTolerance.apply(doc)).toBe(3);
    const s = doc.components.schemas;
    expect(s.ChatStreamChunk.properties.error.properties.code).toEqual({
      type: ["integer", "string"],
    });
    expect(s.ChatStreamChunk.required).toEqual(["id"]);
    expect(s.ChatStreamChoice.required).toEqual(["index"]);
    expect(streamTolerance.apply(doc)).toBe(0);
  });

  test("a document without stream schemas is left alone", () => {
    const doc = specWith({ schemas: { Other: { type: "string" } } });
    expect(streamTolerance.apply(doc)).toBe(0);
    expect(doc.components.schemas).toEqual({ Other: { type: "string" } });
  });

  test.each([
    ["the current spec", undefined],
    ["an older snapshot", historySpecPath("2026-06-12T0050Z-11ebd13fb.json")],
  ])("%s: ChatStreamChunk.error.code accepts strings afterwards", (_, path) => {
    const doc = readSpec(path);
    const s = doc.components.schemas;
    expect(s.ChatStreamChunk.properties.error.properties.code.type).toBe("integer");
    expect(s.ChatStreamChoice.required).toContain("finish_reason");
    expect(streamTolerance.apply(doc)).toBeGreaterThanOrEqual(2);
    expect(s.ChatStreamChunk.properties.error.properties.code.type).toEqual(["integer", "string"]);
    expect(s.ChatStreamChoice.required).not.toContain("finish_reason");
    expect(s.ChatStreamChunk.required ?? []).not.toContain("system_fingerprint");
    expect(streamTolerance.apply(doc)).toBe(0);
  });
});
