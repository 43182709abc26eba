// Each openapi-typescript pitfall on a small document: what the generator does without our
// setting, and what `generateTypes` (our settings, transforms and rewrites) does instead.
import { describe, expect, test } from "vitest";
import { generateTypes } from "../src/generate.ts";
import { foldAnnotatedRefs, stripExamples } from "../src/prepare-for-generator.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { applyOverlays } from "../../openapi/overlays/index.ts";
import { specWith } from "./support/documents.ts";
import { plainGenerate, propertyOptionality, recordNeverPaths } from "./support/generator.ts";
import { typeErrors } from "./support/type-check.ts";

const SHA = "0".repeat(64);
const ours = async (doc: object) =>
  (await generateTypes(doc as OpenApiDocument, SHA)).files["openapi.ts"]!;

// `paths`, `webhooks` and `operations` are `Record<string, never>` when a document has none: fine.
const inComponents = (paths: string[]) => paths.filter((p) => p.startsWith("components."));

/** A consumer of the generated `openapi.ts`. */
const consumer = (types: string, code: string) =>
  typeErrors({
    "openapi.ts": types,
    "use.ts": `import type { components } from "./openapi";\n${code}`,
  });

describe("defaultNonNullable", () => {
  const doc = specWith({
    schemas: {
      ChatRequest: {
        type: "object",
        properties: {
          model: { type: "string" },
          stream: { type: "boolean", default: false },
        },
        required: ["model"],
      },
    },
  });
  const minimal = `export const r: components["schemas"]["ChatRequest"] = { model: "m" };`;

  test("openapi-typescript's default makes a field with a default required", async () => {
    const types = await plainGenerate(doc, { defaultNonNullable: true });
    expect(propertyOptionality(types).get("components.schemas.ChatRequest.stream")).toBe(false);
    expect(consumer(types, minimal).join("\n")).toContain("Property 'stream' is missing");
  });

  test("ours keeps it optional: a minimal request compiles", async () => {
    const types = await ours(doc);
    expect(propertyOptionality(types).get("components.schemas.ChatRequest.stream")).toBe(true);
    expect(consumer(types, minimal)).toEqual([]);
  });
});

describe("emptyObjectsUnknown", () => {
  // `allOf: [ref, {type: object, properties: {}}]`, as upstream writes many event schemas.
  const doc = specWith({
    schemas: {
      BaseEvent: {
        type: "object",
        properties: { sequence_number: { type: "integer" } },
        required: ["sequence_number"],
      },
      DoneEvent: {
        allOf: [{ $ref: "#/components/schemas/BaseEvent" }, { type: "object", properties: {} }],
      },
    },
  });
  const build = `export const e: components["schemas"]["DoneEvent"] = { sequence_number: 1 };`;

  test("openapi-typescript's default yields Record<string, never>: the type cannot be built", async () => {
    const types = await plainGenerate(doc, { emptyObjectsUnknown: false });
    expect(inComponents(recordNeverPaths(types))).toEqual(["components.schemas.DoneEvent"]);
    expect(consumer(types, build).join("\n")).toMatch(/not assignable to type 'never'/);
  });

  test("ours yields Record<string, unknown>: the event can be built", async () => {
    const types = await ours(doc);
    expect(inComponents(recordNeverPaths(types))).toEqual([]);
    expect(types).toContain("Record<string, unknown>");
    expect(consumer(types, build)).toEqual([]);
  });
});

describe("format: binary", () => {
  const doc = specWith({
    paths: {
      "/audio": {
        post: {
          operationId: "transcribe",
          requestBody: {
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  properties: {
                    file: { type: "string", format: "binary" },
                    model: { type: "string" },
                  },
                  required: ["file"],
                },
              },
            },
          },
          responses: {
            200: {
              description: "Audio",
              content: { "audio/*": { schema: { type: "string", format: "binary" } } },
            },
          },
        },
      },
    },
  });
  const upload = `type Body = NonNullable<import("./openapi").operations["transcribe"]["requestBody"]>["content"]["multipart/form-data"];
export const b: Body = { file: new Blob(["RIFF"]) };`;

  test("openapi-typescript alone types binary as string", async () => {
    const types = await plainGenerate(doc);
    expect(types).toContain("file: string;");
    expect(types).not.toContain("Blob");
    expect(consumer(types, upload).join("\n")).toMatch(/'Blob' is not assignable to type 'string'/);
  });

  test("ours types it as Blob, in requests and responses", async () => {
    const types = await ours(doc);
    expect(types).toContain("file: Blob;");
    expect(types).toContain('"audio/*": Blob;');
    expect(consumer(types, upload)).toEqual([]);
  });
});

describe("allOf: [$ref to a discriminated union, {description}]", () => {
  const doc = specWith({
    schemas: {
      Cat: {
        type: "object",
        properties: { kind: { type: "string", enum: ["cat"] }, lives: { type: "integer" } },
        required: ["kind", "lives"],
      },
      Dog: {
        type: "object",
        properties: { kind: { type: "string", enum: ["dog"] }, good: { type: "boolean" } },
        required: ["kind", "good"],
      },
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: {
          propertyName: "kind",
          mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
        },
      },
      PetResponse: {
        type: "object",
        properties: {
          data: {
            allOf: [{ $ref: "#/components/schemas/Pet" }, { description: "The pet asked for." }],
          },
        },
        required: ["data"],
      },
    },
  });
  const narrow = `export function lives(r: components["schemas"]["PetResponse"]): number {
  return r.data.kind === "cat" ? r.data.lives : 9;
}`;

  test("without folding, openapi-typescript emits Omit<…> and narrowing is lost", async () => {
    const overlaid = applyOverlays(doc).doc;
    const types = await plainGenerate(overlaid);
    expect(types).toContain('data: Omit<components["schemas"]["Pet"], "kind">');
    expect(consumer(types, narrow).join("\n")).toContain("Property 'kind' does not exist");
  });

  test("with folding, the field is the union itself and keeps its description", async () => {
    const types = await ours(doc);
    expect(types).not.toContain("Omit<");
    expect(types).toMatch(/The pet asked for\.\s*\*\/\s*data: Pet;/);
    expect(consumer(types, narrow)).toEqual([]);
  });

  test("the fold counts what it folded", () => {
    const copy = structuredClone(doc);
    expect(foldAnnotatedRefs(copy)).toBe(1);
    expect(copy.components.schemas.PetResponse.properties.data).toEqual({
      $ref: "#/components/schemas/Pet",
      description: "The pet asked for.",
    });
  });
});

describe("examples", () => {
  const doc = specWith({
    schemas: {
      Sentence: {
        type: "object",
        description: "A sentence and a sample of its use.",
        example: { text: "Hello there", example: "Hello there, friend" },
        properties: {
          text: { type: "string", description: "The sentence.", example: "Hello there" },
          // A property that happens to be called `example`: data, not an annotation.
          example: { type: "string", description: "A sample use.", examples: ["Hi"] },
          examples: { type: "array", items: { type: "string" } },
        },
        required: ["text"],
      },
    },
    paths: {
      "/sentences": {
        get: {
          operationId: "listSentences",
          responses: {
            200: {
              description: "Sentences.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Sentence" },
                  examples: { short: { value: { text: "Hi" } } },
                },
              },
            },
          },
        },
      },
    },
  });

  test("kept, examples become @example JSDoc", async () => {
    const types = await plainGenerate(applyOverlays(doc).doc);
    expect(types.match(/@example/g)?.length).toBeGreaterThanOrEqual(3);
  });

  test("stripped, no @example remains; descriptions and the `example` property do", async () => {
    const types = await ours(doc);
    expect(types).not.toContain("@example");
    expect(types).toContain("/** A sentence and a sample of its use. */");
    expect(types).toContain("/** A sample use. */");
    expect(types).toMatch(/\bexample\?: string;/);
    expect(types).toMatch(/\bexamples\?: string\[\];/);
    const use = `export const s: components["schemas"]["Sentence"] = { text: "a", example: "b", examples: ["c"] };`;
    expect(consumer(types, use)).toEqual([]);
  });

  test("stripExamples removes keywords only and counts them", () => {
    const copy = structuredClone(doc);
    expect(stripExamples(copy)).toBe(4);
    const sentence = copy.components.schemas.Sentence;
    expect(Object.keys(sentence.properties)).toEqual(["text", "example", "examples"]);
    expect(sentence).not.toHaveProperty("example");
    expect(sentence.properties.text).toEqual({ type: "string", description: "The sentence." });
    expect(sentence.properties.example).toEqual({ type: "string", description: "A sample use." });
    const media = copy.paths["/sentences"].get.responses[200].content["application/json"];
    expect(media).toEqual({ schema: { $ref: "#/components/schemas/Sentence" } });
  });
});
