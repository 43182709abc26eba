// A Cloudflare Worker that proxies a streamed chat: the browser (or any caller) POSTs
// `{ "prompt": "…" }` and gets OpenRouter's SSE stream back, re-emitted by `toReadableStream()`;
// the API key stays a Worker secret. Read the answer with `ChatStream.fromReadableStream`.
// Deploy: `wrangler secret put OPENROUTER_API_KEY`, then `wrangler deploy` (see wrangler.toml).
import { createOpenRouter, OpenRouterError } from "@or/fetch";
import { streamChat } from "@or/stream";

export interface Env {
  OPENROUTER_API_KEY: string;
  /** Optional: another API base, e.g. a local replay server while developing. */
  OPENROUTER_BASE_URL?: string;
  /** Optional: the model to use; the caller cannot choose. Default `openai/gpt-4o`. */
  MODEL?: string;
}

export default {
  async fetch(request, env): Promise<Response> {
    if (request.method !== "POST") {
      return Response.json(
        { error: 'POST JSON: { "prompt": "…" }' },
        { status: 405, headers: { allow: "POST" } },
      );
    }
    const body = await request.json<{ prompt?: unknown }>().catch(() => undefined);
    if (typeof body?.prompt !== "string" || body.prompt.trim() === "") {
      return Response.json({ error: 'Send JSON: { "prompt": "…" }' }, { status: 400 });
    }
    const client = createOpenRouter({
      apiKey: env.OPENROUTER_API_KEY,
      baseUrl: env.OPENROUTER_BASE_URL,
      appTitle: "or-sdk worker example",
    });
    try {
      const stream = await streamChat(
        client,
        { model: env.MODEL ?? "openai/gpt-4o", messages: [{ role: "user", content: body.prompt }] },
        // The caller hanging up aborts the upstream request.
        { signal: request.signal },
      );
      return new Response(stream.toReadableStream(), {
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
      });
    } catch (error) {
      if (!(error instanceof OpenRouterError)) throw error;
      return Response.json({ error: error.message }, { status: error.status ?? 502 });
    }
  },
} satisfies ExportedHandler<Env>;
