// What `createOpenRouter` + one chat call costs in a browser bundle (esbuild, minified, gzip),
// next to the official SDK and openai doing the same. Run: pnpm --filter @or/fetch bench:size
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Each entry creates a client and sends one non-streaming chat completion. */
const ENTRIES: Record<string, string> = {
  "@or/fetch": `
    import { createOpenRouter } from ${JSON.stringify(here("../src/index.ts"))};
    const client = createOpenRouter({ apiKey: "key" });
    export const ask = () =>
      client.POST("/chat/completions", { body: { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] } });
  `,
  "@openrouter/sdk": `
    import { OpenRouter } from "@openrouter/sdk";
    const client = new OpenRouter({ apiKey: "key" });
    export const ask = () =>
      client.chat.send({ chatRequest: { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] } });
  `,
  "@openrouter/sdk (standalone functions)": `
    import { OpenRouterCore } from "@openrouter/sdk/core.js";
    import { chatSend } from "@openrouter/sdk/funcs/chatSend.js";
    const client = new OpenRouterCore({ apiKey: "key" });
    export const ask = () =>
      chatSend(client, { chatRequest: { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] } });
  `,
  "openapi-fetch alone": `
    import createClient from "openapi-fetch";
    const client = createClient({ baseUrl: "https://openrouter.ai/api/v1" });
    export const ask = () => client.POST("/chat/completions", { body: {} });
  `,
  openai: `
    import OpenAI from "openai";
    const client = new OpenAI({ apiKey: "key", dangerouslyAllowBrowser: true });
    export const ask = () =>
      client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
  `,
};

async function measure(source: string): Promise<{ minifiedBytes: number; gzipBytes: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: here("."), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  return { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

const results: Record<string, { minifiedBytes: number; gzipBytes: number; gzipKB: number }> = {};
for (const [name, source] of Object.entries(ENTRIES)) {
  const size = await measure(source);
  results[name] = { ...size, gzipKB: Number((size.gzipBytes / 1000).toFixed(2)) };
}
const report = {
  what: "createOpenRouter (or the SDK's client) + one chat completion call, esbuild --bundle --minify (esm, browser, es2022), gzip -9",
  esbuild: (await import("esbuild")).version,
  date: new Date().toISOString(),
  goal: "@or/fetch ≤ openapi-fetch alone + 2.5 kB gzip",
  results,
};
console.table(results);
writeFileSync(here("./bundle-size.results.json"), `${JSON.stringify(report, null, 2)}\n`);
