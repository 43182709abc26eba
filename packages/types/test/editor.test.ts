// The editor check: what a user sees in hovers and error messages, through the TypeScript
// language service over a small consumer that imports @or/types and @or/fetch as a user would.
import { beforeAll, describe, expect, test } from "vitest";
import { openEditor, type Editor } from "./support/editor.js";

const CONSUMER = `import type { ChatRequest } from "@or/types";
import { createOpenRouter } from "@or/fetch";

const client = createOpenRouter({ apiKey: "sk-or-v1-0" });
export const request: ChatRequest = {
  model: "openai/gpt-4o",
  messages: [{ role: "user", content: "Hi" }],
};

export async function chat() {
  const { data } = await client.POST("/chat/completions", { body: request });
  return data;
}

export async function models() {
  const { data } = await client.GET("/models");
  return data;
}

export async function whole() {
  const result = await client.GET("/models");
  return result;
}

export const typo: ChatRequest = { model: "openai/gpt-4o", mesages: [] };
`;

let editor: Editor;
beforeAll(() => {
  editor = openEditor(CONSUMER);
});

describe("hovers and errors name the schemas", () => {
  test("a ChatRequest variable shows ChatRequest", () => {
    expect(editor.hover("request:")).toBe("const request: ChatRequest");
  });

  test("the data of a chat call shows ChatResult", () => {
    const hover = editor.hover("data }", "function chat()");
    expect(hover).toMatch(/\bChatResult\b/);
    expect(hover).not.toContain("{");
  });

  test("the models answer's hover is short", () => {
    const hover = editor.hover("data }", "function models()");
    expect(hover).toMatch(/\bModelsListResponse\b/);
    expect(hover.length).toBeLessThan(160);
  });

  test("a whole call result names its operation instead of printing it", () => {
    const hover = editor.hover("result =");
    expect(hover).toContain("getModels");
    expect(hover.length).toBeLessThan(300);
  });

  test("a typo's error message names ChatRequest", () => {
    const errors = editor.errors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'mesages' does not exist in type 'ChatRequest'");
  });
});
