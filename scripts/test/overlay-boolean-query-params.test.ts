import { describe, expect, test } from "vitest";
import { booleanQueryParams } from "../../openapi/overlays/boolean-query-params.ts";
import { deref } from "../../openapi/overlays/overlay.ts";
import { getOperation, specWith } from "./support/documents.ts";
import { historySpecPath, readSpec } from "./support/shared-specs.ts";

const marked = { type: "string", "x-openrouter-type": "boolean", example: "false" };

describe("boolean-query-params", () => {
  test("marked string query parameters become booleans, inline or by $ref", () => {
    const doc = specWith({
      parameters: {
        Verbose: { name: "verbose", in: "query", schema: { ...marked, example: "true" } },
      },
      paths: {
        "/keys": {
          get: getOperation("list", {
            parameters: [
              { name: "include_disabled", in: "query", schema: { ...marked } },
              { $ref: "#/components/parameters/Verbose" },
              { name: "cursor", in: "query", schema: { type: "string" } },
              { name: "x-flag", in: "header", schema: { ...marked } },
            ],
          }),
        },
        "/other": {
          get: getOperation("other", { parameters: [{ $ref: "#/components/parameters/Verbose" }] }),
        },
      },
    });
    expect(booleanQueryParams.apply(doc)).toBe(2);
    const [includeDisabled, verbose, cursor, header] = doc.paths["/keys"].get.parameters;
    expect(includeDisabled.schema).toEqual({
      type: "boolean",
      "x-openrouter-type": "boolean",
      example: false,
    });
    expect(deref(doc, verbose).schema).toMatchObject({ type: "boolean", example: true });
    expect(cursor.schema).toEqual({ type: "string" });
    expect(header.schema.type).toBe("string"); // only query parameters
    expect(booleanQueryParams.apply(doc)).toBe(0);
  });

  test.each([
    ["the current spec", undefined],
    ["an older snapshot", historySpecPath("2026-06-12T0050Z-11ebd13fb.json")],
  ])("%s: the `list` operation's include_disabled becomes boolean", (_, path) => {
    const doc = readSpec(path);
    const param = () =>
      doc.paths["/keys"].get.parameters
        .map((p: object) => deref(doc, p))
        .find((p: { name: string }) => p.name === "include_disabled");
    expect(doc.paths["/keys"].get.operationId).toBe("list");
    expect(param().schema.type).toBe("string");
    expect(booleanQueryParams.apply(doc)).toBe(1);
    expect(param().schema.type).toBe("boolean");
    expect(param().schema.example).toBe(false);
    expect(booleanQueryParams.apply(doc)).toBe(0);
  });
});
