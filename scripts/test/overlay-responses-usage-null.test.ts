import { describe, expect, test } from "vitest";
import { responsesUsageNull } from "../../openapi/overlays/responses-usage-null.ts";
import { specWith } from "./support/documents.ts";
import { readSpec } from "./support/shared-specs.ts";
import { validatesAgainst } from "./support/wire-shapes.ts";

/** A `response.created` event as the API streams it: the result is in progress, usage null. */
const createdEvent = {
  type: "response.created",
  sequence_number: 0,
  response: {
    id: "gen-overlay-usage-1",
    object: "response",
    created_at: 1_780_000_000,
    completed_at: null,
    model: "openai/gpt-oss-20b",
    status: "in_progress",
    output: [],
    error: null,
    incomplete_details: null,
    temperature: null,
    top_p: null,
    presence_penalty: null,
    frequency_penalty: null,
    instructions: null,
    metadata: {},
    tools: [],
    tool_choice: "auto",
    parallel_tool_calls: true,
    usage: null,
  },
};

describe("responses-usage-null", () => {
  test("a synthetic base result: usage accepts null afterwards, nothing else changes", () => {
    const doc = specWith({
      schemas: {
        BaseResponsesResult: {
          type: "object",
          properties: {
            id: { type: "string" },
            usage: { $ref: "#/components/schemas/OpenAIResponsesUsage" },
          },
        },
        OpenAIResponsesUsage: { type: "object", properties: { input_tokens: { type: "integer" } } },
      },
    });
    expect(responsesUsageNull.apply(doc)).toBe(1);
    const s = doc.components.schemas;
    expect(s.BaseResponsesResult.properties.usage).toEqual({
      anyOf: [{ $ref: "#/components/schemas/OpenAIResponsesUsage" }, { type: "null" }],
    });
    expect(s.BaseResponsesResult.properties.id).toEqual({ type: "string" });
    // The usage schema itself keeps rejecting null where others reference it.
    expect(s.OpenAIResponsesUsage.type).toBe("object");
    expect(responsesUsageNull.apply(doc)).toBe(0);
  });

  test("a document without Responses results is left alone", () => {
    const doc = specWith({ schemas: { Other: { type: "string" } } });
    expect(responsesUsageNull.apply(doc)).toBe(0);
  });

  test("the real spec: response.created with usage null fails before, validates after", () => {
    const doc = readSpec();
    const before = validatesAgainst(doc, "OpenResponsesCreatedEvent", createdEvent);
    expect(before).toContain("/response/usage must be object");
    expect(responsesUsageNull.apply(doc)).toBe(1);
    expect(validatesAgainst(doc, "OpenResponsesCreatedEvent", createdEvent)).toEqual([]);
    const inProgress = { ...createdEvent, type: "response.in_progress", sequence_number: 1 };
    expect(validatesAgainst(doc, "OpenResponsesInProgressEvent", inProgress)).toEqual([]);
    // A real usage object still validates, and a wrong one still fails.
    const done = structuredClone(createdEvent);
    (done.response as Record<string, unknown>).usage = { input_tokens: "many" };
    expect(validatesAgainst(doc, "OpenResponsesCreatedEvent", done).join("\n")).toContain(
      "/response/usage/input_tokens must be integer",
    );
    expect(responsesUsageNull.apply(doc)).toBe(0);
  });
});
