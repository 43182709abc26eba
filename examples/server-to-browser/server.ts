// A node:http server with one streaming route and a page that reads it.
//   POST /api/chat  → chatRoute: streamChat(...) and `stream.toReadableStream()` as the body
//   GET  /          → index.html;  GET /page.js → page.ts, bundled on first request by esbuild
// Run: `pnpm --filter @or/examples exec tsx server-to-browser/server.ts`, then open the printed
// URL. With OPENROUTER_API_KEY set it talks to OpenRouter; without, to the replay server of
// @or/testing. PORT picks the port (default 3000; 0 for any free one).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { build } from "esbuild";
import { createOpenRouter } from "@or/fetch";
import { startReplayServer } from "@or/testing";
import { chatRoute } from "./chat-route";

const here = new URL(".", import.meta.url);
const apiKey = process.env.OPENROUTER_API_KEY;
const replay = apiKey ? undefined : await startReplayServer({ record: false });
const client = createOpenRouter({
  apiKey: apiKey ?? "sk-or-v1-replay",
  baseUrl: replay?.url,
  appTitle: "or-sdk example",
});
const handleChat = chatRoute(client, { model: "openai/gpt-4o" });
let pageScript: Promise<string> | undefined;

const server = createServer((req, res) => {
  route(req, res).catch((error: Error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end();
  });
});

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (path === "/api/chat") return send(res, await handleChat(toRequest(req, res)));
  if (path === "/")
    return send(res, new Response(readFileSync(new URL("index.html", here)), { headers: html }));
  if (path === "/page.js")
    return send(res, new Response(await (pageScript ??= bundlePage()), { headers: js }));
  res.writeHead(404).end();
}

const html = { "content-type": "text/html; charset=utf-8" };
const js = { "content-type": "text/javascript; charset=utf-8" };

/** page.ts as one browser script (in a real app your bundler or framework does this). */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [new URL("page.ts", here).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** node:http → fetch `Request`; its signal fires when the browser goes away. */
function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", "http://localhost"), {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: controller.signal,
    // Node's fetch needs this for a streamed request body.
    duplex: "half",
  } as RequestInit);
}

/** fetch `Response` → node:http, streaming the body; a closed page cancels the stream. */
async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  await pipeline(
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
    res,
  ).catch(() => {
    // The browser left mid-stream: pipeline cancelled the body, which aborted the upstream request.
  });
}

const port = Number(process.env.PORT ?? 3000);
server.listen(port, "127.0.0.1", () => {
  console.log(`Open http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  if (replay) console.log(`No OPENROUTER_API_KEY: answers are replayed from ${replay.url}`);
});

async function stop(): Promise<void> {
  server.closeAllConnections();
  server.close();
  await replay?.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
