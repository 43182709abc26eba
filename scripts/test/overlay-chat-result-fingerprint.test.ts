import { describe, expect, test } from "vitest";
import { chatResultFingerprint } from "../../openapi/overlays/chat-result-fingerprint.ts";
import { specWith } from "./support/documents.ts";
import { readSpec } from "./support/shared-specs.ts";
import { validatesAgainst } from "./support/wire-shapes.ts";

/** A chat answer as 2025 answers look: no system_fingerprint at all. */
const answer = {
  id: "gen-overlay-fp-1",
  object: "chat.completion",
  created: 1_760_000_000,
  model: "mistralai/mistral-small",
  choices: [
    {
      index: 0,
      finish_reason: "stop",
      message: { role: "assistant", content: "Four." },
    },
  ],
};

describe("chat-result-fingerprint", () => {
  test("a synthetic ChatResult: system_fingerprint is no longer required", () => {
    const doc = specWith({
      schemas: {
        ChatResult: {
          type: "object",
          properties: { id: { type: "string" }, system_fingerprint: { type: ["string", "null"] } },
          required: ["id", "system_fingerprint"],
        },
      },
    });
    expect(chatResultFingerprint.apply(doc)).toBe(1);
    expect(doc.components.schemas.ChatResult.required).toEqual(["id"]);
    expect(doc.components.schemas.ChatResult.properties.system_fingerprint).toEqual({
      type: ["string", "null"],
    });
    expect(chatResultFingerprint.apply(doc)).toBe(0);
  });

  test("the real spec: an answer without the field fails before, validates after; null and a string still do", () => {
    const doc = readSpec();
    expect(validatesAgainst(doc, "ChatResult", answer)).toEqual([
      " must have required property 'system_fingerprint'",
    ]);
    expect(chatResultFingerprint.apply(doc)).toBe(1);
    expect(validatesAgainst(doc, "ChatResult", answer)).toEqual([]);
    for (const value of [null, "fp_0123abcd"]) {
      expect(validatesAgainst(doc, "ChatResult", { ...answer, system_fingerprint: value })).toEqual(
        [],
      );
    }
    expect(validatesAgainst(doc, "ChatResult", { ...answer, system_fingerprint: 7 })).toEqual([
      "/system_fingerprint must be string,null",
    ]);
  });
});
