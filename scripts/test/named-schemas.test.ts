import { describe, expect, test } from "vitest";
import { generateTypes } from "../src/generate.ts";
import { schemaIdentifiers } from "../src/named-schemas.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { specWith } from "./support/documents.ts";
import { typeErrors } from "./support/type-check.ts";

describe("schemaIdentifiers", () => {
  test("spec names are kept; others are made into unique identifiers", () => {
    const names = ["ChatRequest", "Model-Info", "ModelInfo", "2fa.Status", "paths", "Record"];
    expect([...schemaIdentifiers(names, new Set(["Record"])).values()]).toEqual([
      "ChatRequest",
      "ModelInfo",
      "ModelInfo_",
      "Schema2faStatus",
      "Schemapaths",
      "SchemaRecord",
    ]);
  });
});

describe("named schema declarations", () => {
  const doc = specWith({
    schemas: {
      Answer: {
        type: "object",
        description: "A chat answer.",
        required: ["choices"],
        properties: { choices: { type: "array", items: { $ref: "#/components/schemas/Choice" } } },
      },
      Choice: { type: "object", properties: { text: { type: "string" } } },
      "Finish-Reason": { type: "string", enum: ["stop", "length"] },
      Record: { type: "object", additionalProperties: true },
    },
    paths: {
      "/answer": {
        post: {
          operationId: "answer",
          responses: {
            200: {
              description: "OK",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Answer" } } },
            },
          },
        },
      },
    },
  }) as OpenApiDocument;

  test("schemas are named aliases, operations interfaces; references use the names", async () => {
    const { files } = await generateTypes(doc, "f".repeat(64));
    const openapi = files["openapi.ts"]!;
    expect(openapi).toMatch(
      /\/\*\* A chat answer\. \*\/\nexport type Answer = \{\n\s+choices: Choice\[\];/,
    );
    expect(openapi).toContain("export type Choice = {");
    expect(openapi).toContain('export type FinishReason = "stop" | "length" | (string & {});');
    expect(openapi).toMatch(/"Finish-Reason": FinishReason;/);
    expect(openapi).toMatch(/"application\/json": Answer;/);
    expect(openapi).not.toContain('components["schemas"]');
    // `Record` is a global the file uses itself, so the schema may not shadow it.
    expect(openapi).toContain("export type SchemaRecord = {");
    expect(files["schemas.ts"]).toContain("  SchemaRecord,\n");
    // Operations are named too (not exported: `operations["answer"]` reaches them).
    expect(openapi).toMatch(/export interface operations \{\n\s+answer: answer;/);
    expect(openapi).toMatch(/\ninterface answer \{/);
  });

  test("the output type-checks, and a path's answer is the named interface", async () => {
    const { files } = await generateTypes(doc, "f".repeat(64));
    const check = [
      'import type { Answer, FinishReason, components, operations, paths } from "./openapi.ts";',
      "type Is<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
      'const same: Is<paths["/answer"]["post"]["responses"][200]["content"]["application/json"], Answer> = true;',
      'const alias: Is<components["schemas"]["Finish-Reason"], FinishReason> = true;',
      'const op: Is<paths["/answer"]["post"], operations["answer"]> = true;',
      "export { same, alias, op };",
    ].join("\n");
    expect(typeErrors({ "openapi.ts": files["openapi.ts"]!, "use.ts": check })).toEqual([]);
  });
});

describe("shared response headers", () => {
  test("every answer without declared headers refers to one ResponseHeaders", async () => {
    const doc = specWith({
      paths: {
        "/a": { get: { operationId: "a", responses: { 200: { description: "OK" } } } },
        "/b": { get: { operationId: "b", responses: { 204: { description: "None" } } } },
      },
    }) as OpenApiDocument;
    const openapi = (await generateTypes(doc, "f".repeat(64))).files["openapi.ts"]!;
    expect(openapi.match(/headers: ResponseHeaders;/g)).toHaveLength(2);
    expect(openapi).not.toMatch(/headers: \{/);
    expect(openapi).toMatch(/\ninterface ResponseHeaders \{\n\s+\[name: string\]: unknown;\n\}/);
    const use = [
      'import type { operations } from "./openapi.ts";',
      'export const h: operations["a"]["responses"][200]["headers"] = { "x-anything": 1 };',
    ].join("\n");
    expect(typeErrors({ "openapi.ts": openapi, "use.ts": use })).toEqual([]);
  });
});
