// The spec lint step: 3.0-isms and examples their own schemas reject, in the raw upstream spec.
import { lockedSpec, overlaidSpec } from "@or/scripts";
import { beforeAll, describe, expect, test } from "vitest";
import { formatLintFindings, lintSpec, type SpecLintFinding } from "../src/contract/index";

/** Response examples of the current upstream spec that contradict their schemas. */
const CONTRADICTING_RESPONSE_EXAMPLES = [
  "/paths/~1embeddings~1models/get/responses/200/content/application~1json/example",
  "/paths/~1files/get/responses/200/content/application~1json/example",
  "/paths/~1files/post/responses/200/content/application~1json/example",
  "/paths/~1files~1{file_id}/delete/responses/200/content/application~1json/example",
  "/paths/~1files~1{file_id}/get/responses/200/content/application~1json/example",
  "/paths/~1generation/get/responses/200/content/application~1json/example",
  "/paths/~1models/get/responses/200/content/application~1json/example",
  "/paths/~1models~1user/get/responses/200/content/application~1json/example",
  "/paths/~1videos~1models/get/responses/200/content/application~1json/example",
];

let findings: SpecLintFinding[];
const pointers = (rule: string, where?: string) =>
  findings.filter((f) => f.rule === rule && (!where || f.where === where)).map((f) => f.pointer);

describe("the upstream spec", () => {
  beforeAll(async () => {
    findings = lintSpec((await lockedSpec()).doc);
    console.log(formatLintFindings(findings));
  }); // compiles every schema that has an example

  test("has 9 response examples that contradict their schemas", () => {
    expect(pointers("example-contradicts-schema", "response").sort()).toEqual(
      CONTRADICTING_RESPONSE_EXAMPLES,
    );
  });

  test("says what is wrong with each", () => {
    const models = findings.find((f) => f.pointer === CONTRADICTING_RESPONSE_EXAMPLES[6]);
    expect(models?.message).toContain("example must have required property 'total_count'");
    const generation = findings.find((f) => f.pointer === CONTRADICTING_RESPONSE_EXAMPLES[5]);
    expect(generation?.message).toBe("example/data must have required property 'workspace_id'");
  });

  test("has two named schemas whose examples contradict them", () => {
    expect(pointers("example-contradicts-schema", "component").sort()).toEqual([
      "/components/schemas/VideoModel/example",
      "/components/schemas/VideoModelsListResponse/example",
    ]);
    expect(pointers("example-contradicts-schema", "request")).toEqual([]);
    expect(pointers("example-contradicts-schema", "parameter")).toEqual([]);
  });

  test("has one 3.0-style boolean exclusive bound and no other 3.0-ism", () => {
    expect(pointers("boolean-exclusive-bound")).toEqual([
      "/components/schemas/VideoGenerationRequest/properties/upscale_factor",
    ]);
    expect(pointers("nullable-keyword")).toEqual([]);
    expect(pointers("items-array")).toEqual([]);
    expect(pointers("schema-does-not-compile")).toEqual([]);
  });

  test("with our overlays applied, the 3.0-isms are gone", async () => {
    expect(lintSpec(await overlaidSpec(), { examples: false })).toEqual([]);
  });
});

describe("the lint rules", () => {
  const doc = (schemas: Record<string, unknown>, responseExample?: unknown) => ({
    openapi: "3.1.0",
    paths: {
      "/thing": {
        get: {
          operationId: "getThing",
          responses: {
            "200": {
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Thing" },
                  ...(responseExample === undefined ? {} : { example: responseExample }),
                },
              },
            },
          },
        },
      },
    },
    components: { schemas },
  });

  const thing = {
    type: "object",
    required: ["id"],
    properties: { id: { type: "string" }, size: { type: "integer", minimum: 0 } },
  };

  test("a clean document has no findings", () => {
    expect(
      lintSpec(doc({ Thing: { ...thing, example: { id: "a" } } }, { id: "b", size: 2 })),
    ).toEqual([]);
  });

  test("finds each 3.0-ism, and reads it as meant when checking examples", () => {
    const found = lintSpec(
      doc({
        Thing: thing,
        Old: {
          type: "object",
          properties: {
            name: { type: "string", nullable: true, example: null },
            ratio: { type: "number", minimum: 0, exclusiveMinimum: true },
            pair: {
              type: "array",
              items: [{ type: "string" }, { type: "integer" }],
              example: ["a", 1],
            },
          },
        },
      }),
    );
    expect(found.map((f) => `${f.rule} ${f.pointer}`)).toEqual([
      "nullable-keyword /components/schemas/Old/properties/name",
      "boolean-exclusive-bound /components/schemas/Old/properties/ratio",
      "items-array /components/schemas/Old/properties/pair",
    ]);
  });

  test("finds examples that contradict their schema, in schemas and in media types", () => {
    const found = lintSpec(doc({ Thing: { ...thing, example: { size: -1 } } }, { id: 7 }));
    expect(found).toEqual([
      {
        rule: "example-contradicts-schema",
        pointer: "/components/schemas/Thing/example",
        where: "component",
        message: "example must have required property 'id'; example/size must be >= 0",
      },
      {
        rule: "example-contradicts-schema",
        pointer: "/paths/~1thing/get/responses/200/content/application~1json/example",
        where: "response",
        message: "example/id must be string",
      },
    ]);
  });
});
