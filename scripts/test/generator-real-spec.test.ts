// The generator pitfalls on the real upstream spec: each one counted without our setting, and
// shown absent from what `generateTypes` produces. Sizes are logged for the report.
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { applyOverlays } from "../../openapi/overlays/index.ts";
import { generateTypes } from "../src/generate.ts";
import { prepareForGenerator, stripExamples } from "../src/prepare-for-generator.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { plainGenerate, propertyOptionality, recordNeverPaths } from "./support/generator.ts";
import { readSpec } from "./support/shared-specs.ts";

const spec = readSpec() as OpenApiDocument;
const overlaid = applyOverlays(spec).doc as OpenApiDocument;
/** Overlaid, examples stripped, annotated refs folded: what the generator is given. */
const prepared = prepareForGenerator(overlaid, { stripExamples: true }).doc;

let ours: string;
/** openapi-typescript on the prepared document with our options but without our transforms. */
let plain: string;
/** The same with openapi-typescript's own defaults for the two options we set. */
let generatorDefaults: string;
beforeAll(async () => {
  ours = (await generateTypes(spec, "0".repeat(64))).files["openapi.ts"]!;
  plain = await plainGenerate(prepared);
  generatorDefaults = await plainGenerate(prepared, {
    defaultNonNullable: true,
    emptyObjectsUnknown: false,
  });
});

describe("defaultNonNullable", () => {
  test("true would make 36 optional fields with defaults required, ChatRequest.stream among them", () => {
    const strict = propertyOptionality(generatorDefaults);
    const mine = propertyOptionality(ours);
    const madeRequired = [...mine].filter(
      ([path, optional]) => optional && strict.get(path) === false,
    );
    expect(madeRequired.map(([path]) => path)).toContain("components.schemas.ChatRequest.stream");
    expect(madeRequired).toHaveLength(36);
    expect(mine.get("components.schemas.ChatRequest.stream")).toBe(true);
  });
});

describe("emptyObjectsUnknown", () => {
  test("false would put Record<string, never> in 38 places of components; ours has none", () => {
    const never = recordNeverPaths(generatorDefaults);
    const inComponents = never.filter((p) => p.startsWith("components."));
    console.info(
      `Record<string, never> in components without emptyObjectsUnknown: ${inComponents.length}`,
    );
    expect(inComponents).toContain("components.schemas.StreamLogprobTopLogprob");
    expect(inComponents).toHaveLength(38);
    expect(recordNeverPaths(ours).filter((p) => p.startsWith("components."))).toEqual([]);
  });
});

describe("format: binary", () => {
  test("binary bodies are Blob in ours and string without our transform", () => {
    expect(plain).not.toContain("Blob");
    const blobs = ours.match(/\bBlob\b/g) ?? [];
    expect(blobs.length).toBeGreaterThanOrEqual(5);
    expect(ours).toContain('"audio/*": Blob;');
    expect(ours).toMatch(/\bfile: Blob;/);
  });
});

describe("folding allOf [$ref, {description}]", () => {
  test("unfolded, ObservabilityDestination responses are Omit<…>; folded, no Omit at all", async () => {
    const unfolded = structuredClone(overlaid);
    stripExamples(unfolded);
    const omits = (await plainGenerate(unfolded)).match(
      /Omit<components\["schemas"\]\["ObservabilityDestination"\], "type">/g,
    );
    expect(omits?.length).toBeGreaterThanOrEqual(3);
    expect(ours).not.toContain("Omit<");
    expect(ours).toMatch(/data: ObservabilityDestination;/);
  });
});

describe("stripping examples", () => {
  test("removes every @example, keeps every description, and shrinks the output", async () => {
    const withExamples = await plainGenerate(
      prepareForGenerator(overlaid, { stripExamples: false }).doc,
    );
    const withoutExamples = plain;
    const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
    expect(count(withExamples, /@example/g)).toBeGreaterThan(1000);
    expect(count(ours, /@example/g)).toBe(0);
    expect(count(plain, /@description/g)).toBe(count(withExamples, /@description/g));
    // Ours keeps every comment, with the description as its text rather than a tag.
    expect(count(ours, /\/\*\*/g)).toBeGreaterThanOrEqual(count(plain, /\/\*\*/g));
    expect(count(ours, /@description/g)).toBe(0);
    expect(withoutExamples.length).toBeLessThan(withExamples.length);
    const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`;
    console.info(
      `openapi.ts: ${kb(withExamples)} with examples (${count(withExamples, /@example/g)} @example), ` +
        `${kb(withoutExamples)} stripped; generateTypes output ${kb(ours)}`,
    );
  });
});

describe("open enums", () => {
  test("no union of two or more string literals is closed", () => {
    const file = ts.createSourceFile("openapi.ts", ours, ts.ScriptTarget.Latest, true);
    const closed: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isUnionTypeNode(node)) {
        const strings = node.types.filter(
          (t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal),
        );
        const open = node.types.some((t) => ts.isParenthesizedTypeNode(t));
        if (strings.length > 1 && !open) closed.push(node.getText(file));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    expect(closed).toEqual([]);
  });
});
