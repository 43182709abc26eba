import { describe, expect, test } from "vitest";
import { WIRE_FIELDS, wireFields } from "../../openapi/overlays/wire-fields.ts";
import { specWith } from "./support/documents.ts";
import { readSpec } from "./support/shared-specs.ts";
import { validatesAgainst } from "./support/wire-shapes.ts";
import type { SpecDocument } from "../../openapi/overlays/index.ts";

/** The fields of WIRE_FIELDS that `doc` does not declare, as `Schema.path.field`. */
const undeclared = (doc: SpecDocument) =>
  WIRE_FIELDS.filter(([schema, path, field]) => {
    let at = doc.components.schemas[schema];
    for (const step of path) at = at?.properties?.[step];
    return at?.properties && !at.properties[field];
  }).map(([schema, path, field]) => [schema, ...path, field].join("."));

describe("wire-fields", () => {
  test("a synthetic document: missing fields are declared, declared ones are kept", () => {
    const doc = specWith({
      schemas: {
        ChatResult: { type: "object", properties: { id: { type: "string" } } },
        ChatChoice: {
          type: "object",
          properties: { native_finish_reason: { type: "string", enum: ["x"] } },
        },
      },
    });
    expect(wireFields.apply(doc)).toBe(1);
    const s = doc.components.schemas;
    expect(s.ChatResult.properties.provider).toMatchObject({ type: "string" });
    expect(s.ChatChoice.properties.native_finish_reason).toEqual({ type: "string", enum: ["x"] });
    expect(wireFields.apply(doc)).toBe(0);
  });

  test("the real spec declares none of them; afterwards all, and they are checked", () => {
    const doc = readSpec();
    expect(undeclared(doc)).toEqual([
      "ChatResult.provider",
      "ChatStreamChunk.provider",
      "ChatChoice.native_finish_reason",
      "ChatStreamChoice.native_finish_reason",
      "ChatAssistantMessage.annotations",
      "ChatStreamDelta.annotations",
      "ChatUsage.completion_tokens_details.image_tokens",
    ]);
    expect(wireFields.apply(doc)).toBe(WIRE_FIELDS.length);
    expect(undeclared(doc)).toEqual([]);
    // Declared means checked: a wrong type is now a problem, a right one is not.
    const chunk = {
      id: "gen-1786000000-AbCdEfGhIjKlMnOpQrSt",
      object: "chat.completion.chunk",
      created: 1_786_000_000,
      model: "openai/gpt-4o-mini",
      provider: "OpenAI",
      choices: [
        {
          index: 0,
          delta: { content: "", annotations: [{ type: "url_citation", url_citation: {} }] },
          finish_reason: "stop",
          native_finish_reason: "stop",
        },
      ],
    };
    expect(validatesAgainst(doc, "ChatStreamChunk", chunk)).toEqual([]);
    expect(validatesAgainst(doc, "ChatStreamChunk", { ...chunk, provider: 7 })).toEqual([
      "/provider must be string",
    ]);
    expect(wireFields.apply(doc)).toBe(0);
  });
});
