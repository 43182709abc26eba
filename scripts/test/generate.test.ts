import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { generateTypes, schemaExports, staleGenerated, writeGenerated } from "../src/generate.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { specWith } from "./support/documents.ts";

describe("schemaExports", () => {
  test("re-exports every schema's declaration under its identifier", () => {
    const identifiers = new Map([
      ["ChatRequest", "ChatRequest"],
      ["Model-Info", "ModelInfo"],
    ]);
    expect(schemaExports(identifiers)).toBe(
      'export type {\n  ChatRequest,\n  ModelInfo,\n} from "./openapi.js";\n',
    );
  });
});

describe("generateTypes", () => {
  test("open enums list their values, null included, and accept other strings", async () => {
    const doc = specWith({
      schemas: {
        Reason: { type: ["string", "null"], enum: ["stop", "length"] },
        Tag: { type: "string", enum: ["chunk"] },
      },
    }) as OpenApiDocument;
    const { files, stats } = await generateTypes(doc, "f".repeat(64));
    expect(files["openapi.ts"]).toContain(
      'export type Reason = "stop" | "length" | null | (string & {});',
    );
    expect(files["openapi.ts"]).toContain('export type Tag = "chunk";');
    expect(stats["overlay:open-enums"]).toBe(1);
    expect(files["operation-ids.ts"]).toContain("Every operation id in the spec (0)");
  });
});

describe("writeGenerated and staleGenerated", () => {
  const dir = mkdtempSync(join(tmpdir(), "or-generated-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("missing and edited files are stale; written ones are not", () => {
    const files = { "a.ts": "export {};\n", "b.ts": "export type B = 1;\n" };
    const out = join(dir, "nested", "generated");
    expect(staleGenerated(files, out)).toEqual(["a.ts", "b.ts"]);
    writeGenerated(files, out);
    expect(staleGenerated(files, out)).toEqual([]);
    writeFileSync(join(out, "b.ts"), "export type B = 2;\n");
    expect(staleGenerated(files, out)).toEqual(["b.ts"]);
  });
});
