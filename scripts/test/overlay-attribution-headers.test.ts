import { describe, expect, test } from "vitest";
import {
  ATTRIBUTION_HEADERS,
  attributionHeaders,
} from "../../openapi/overlays/attribution-headers.ts";
import { deref, operations, type SchemaObject } from "../../openapi/overlays/overlay.ts";
import type { SpecDocument } from "../../openapi/overlays/index.ts";
import { getOperation, specWith } from "./support/documents.ts";
import { historySpecPath, readSpec } from "./support/shared-specs.ts";

const NAMES: string[] = Object.values(ATTRIBUTION_HEADERS).map((h) => h.name);

/** Header names an operation declares, as written. */
const headersOf = (doc: SpecDocument, operation: SchemaObject): string[] =>
  (operation.parameters ?? [])
    .map((p: SchemaObject) => deref(doc, p))
    .filter((p: SchemaObject) => p.in === "header")
    .map((p: SchemaObject) => p.name);

describe("attribution-headers", () => {
  test("every operation gets the four headers once, as optional string headers", () => {
    const doc = specWith({
      parameters: {
        AppTitle: { name: "x-title", in: "header", schema: { type: "string" } },
      },
      paths: {
        "/a": { get: getOperation("a"), post: getOperation("b") },
        "/b": {
          get: getOperation("c", {
            parameters: [
              { name: "http-referer", in: "header", schema: { type: "string" } },
              { $ref: "#/components/parameters/AppTitle" },
              // A query parameter of the same name is not the header.
              { name: "X-OpenRouter-Categories", in: "query", schema: { type: "string" } },
            ],
          }),
        },
      },
    });
    expect(operations(doc).every((op) => headersOf(doc, op).length === 0)).toBe(false);
    expect(attributionHeaders.apply(doc)).toBe(4 + 4 + 2);
    for (const op of operations(doc)) {
      const lower = headersOf(doc, op).map((n) => n.toLowerCase());
      for (const name of NAMES)
        expect(lower.filter((n) => n === name.toLowerCase())).toHaveLength(1);
    }
    for (const key of Object.keys(ATTRIBUTION_HEADERS)) {
      expect(doc.components.parameters[key]).toMatchObject({
        in: "header",
        required: false,
        schema: { type: "string" },
      });
    }
    expect(attributionHeaders.apply(doc)).toBe(0);
  });

  test.each([
    ["the current spec", undefined],
    ["the oldest snapshot", historySpecPath("2025-10-30T1535Z-56b3c47cb.json")],
  ])("%s: no operation declares them before, every operation after", (_, path) => {
    const doc = readSpec(path);
    const ops = operations(doc);
    const declared = () => ops.map((op) => headersOf(doc, op).filter((n) => NAMES.includes(n)));
    expect(declared().flat()).toEqual([]);
    expect(attributionHeaders.apply(doc)).toBe(ops.length * NAMES.length);
    expect(declared().every((names) => names.length === NAMES.length)).toBe(true);
    expect(attributionHeaders.apply(doc)).toBe(0);
  });
});
