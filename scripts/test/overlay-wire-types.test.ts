// The generated types say what the wire sends for the three shapes the Responses and chat
// overlays fix: each assignment below is a shape OpenRouter really sends, and must compile.
import { beforeAll, describe, expect, test } from "vitest";
import { chatResultFingerprint } from "../../openapi/overlays/chat-result-fingerprint.ts";
import { contentPartReasoning } from "../../openapi/overlays/content-part-reasoning.ts";
import { applyOverlays, overlays } from "../../openapi/overlays/index.ts";
import { responsesUsageNull } from "../../openapi/overlays/responses-usage-null.ts";
import { wireFields } from "../../openapi/overlays/wire-fields.ts";
import { generateTypes } from "../src/generate.ts";
import { prepareForGenerator } from "../src/prepare-for-generator.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { plainGenerate } from "./support/generator.ts";
import { readSpec } from "./support/shared-specs.ts";
import { typeErrors } from "./support/type-check.ts";

const WIRE_SHAPES = `
import type { components } from "./openapi";
type S = components["schemas"];
export const usage: S["BaseResponsesResult"]["usage"] = null;
export const part: S["ContentPartAddedEvent"]["part"] = { type: "reasoning_text", text: "" };
export const donePart: S["ContentPartDoneEvent"]["part"] = { type: "reasoning_text", text: "4" };
export const answer: Omit<S["ChatResult"], "system_fingerprint"> & Partial<S["ChatResult"]> = {} as never;
export const withoutFingerprint: S["ChatResult"] = { ...answer };
export const provider: S["ChatResult"]["provider"] = "OpenAI";
export const native: S["ChatStreamChoice"]["native_finish_reason"] = null;
export const cites: S["ChatAssistantMessage"]["annotations"] = [{ type: "url_citation" }];
`;

const mine = [responsesUsageNull, contentPartReasoning, chatResultFingerprint, wireFields];
let ours: string;
let withoutMine: string;
beforeAll(async () => {
  const spec = readSpec() as OpenApiDocument;
  ours = (await generateTypes(spec, "0".repeat(64))).files["openapi.ts"]!;
  let doc = structuredClone(spec);
  for (const overlay of overlays) if (!mine.includes(overlay)) overlay.apply(doc);
  doc = prepareForGenerator(doc, { stripExamples: true }).doc;
  withoutMine = await plainGenerate(doc);
});

describe("types generated with the wire-shape overlays", () => {
  test("every wire shape compiles", () => {
    expect(typeErrors({ "openapi.ts": ours, "use.ts": WIRE_SHAPES })).toEqual([]);
  });

  test("without those overlays each shape is a type error", () => {
    const errors = typeErrors({ "openapi.ts": withoutMine, "use.ts": WIRE_SHAPES }).join("\n");
    expect(errors).toContain("Type 'null' is not assignable");
    expect(errors.match(/"reasoning_text"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(errors).toContain("system_fingerprint");
    for (const field of ["provider", "native_finish_reason", "annotations"]) {
      expect(errors).toContain(`Property '${field}' does not exist`);
    }
  });

  test("applyOverlays reports one change for each", () => {
    const { changes } = applyOverlays(readSpec());
    expect([changes[responsesUsageNull.name], changes[contentPartReasoning.name]]).toEqual([1, 2]);
    expect(changes[chatResultFingerprint.name]).toBe(1);
  });
});
