import { describe, expect, test } from "vitest";
import { descriptionFirst } from "../src/doc-comments.ts";
import { generateTypes } from "../src/generate.ts";
import type { OpenApiDocument } from "../src/spec-document.ts";
import { specWith } from "./support/documents.ts";

describe("descriptionFirst", () => {
  test("the description leads and the format follows", () => {
    const before = "*\n * Format: double\n * @description Total cost in USD\n * @default 0\n ";
    expect(descriptionFirst(before)).toBe(
      "*\n * Total cost in USD\n *\n * Format: double\n *\n * @default 0\n ",
    );
  });

  test("a lone description is the comment's text, not a tag", () => {
    expect(descriptionFirst("* @description Number of requests made ")).toBe(
      "* Number of requests made ",
    );
  });

  test("a title stays first; multi-line prose loses the indent Markdown would show as code", () => {
    const before = [
      "*",
      " * Get activity",
      " * @description Returns activity.",
      " *     ",
      " *     Scoped by `workspace_id`.",
      " * @default {",
      ' *       "a": 1',
      " *     }",
      " ",
    ].join("\n");
    expect(descriptionFirst(before)).toBe(
      [
        "*",
        " * Get activity",
        " *",
        " * Returns activity.",
        " *",
        " * Scoped by `workspace_id`.",
        " *",
        " * @default {",
        ' *       "a": 1',
        " *     }",
        " ",
      ].join("\n"),
    );
  });

  test("a comment without a description or format is kept as it is", () => {
    for (const text of ["* @enum {string} ", "*\n * Title\n * @deprecated\n "]) {
      expect(descriptionFirst(text)).toBe(text);
    }
  });
});

test("generated field docs lead with the description", async () => {
  const doc = specWith({
    schemas: {
      Usage: {
        type: "object",
        properties: { cost: { type: "number", format: "double", description: "Cost in USD" } },
      },
    },
  }) as OpenApiDocument;
  const { files } = await generateTypes(doc, "f".repeat(64));
  expect(files["openapi.ts"]).toMatch(/\/\*\*\n\s+\* Cost in USD\n\s+\*\n\s+\* Format: double\n/);
});
