// A fetch-style route handler (`Request` in, `Response` out, as in Next.js, Hono, Bun or Deno):
// it starts a streamed chat with OpenRouter and returns it to the browser as SSE bytes, so the
// API key stays on the server. `server.ts` mounts it on node:http.
import { OpenRouterError, type OpenRouterClient } from "@or/fetch";
import { streamChat } from "@or/stream";

export interface ChatRouteOptions {
  /** The model is chosen here, not by the page: the browser cannot spend on any model it likes. */
  model: string;
  /** Extra headers for the upstream request (e.g. `x-or-fixture` against the replay server). */
  headers?: Record<string, string>;
}

/**
 * `POST { "prompt": "…" }` → `text/event-stream` of chat chunks. Read it in the page with
 * `ChatStream.fromReadableStream(response.body)`.
 * @example
 * const handle = chatRoute(client, { model: "openai/gpt-4o" });
 * const response = await handle(new Request("http://x/api/chat", { method: "POST", body: '{"prompt":"Hi"}' }));
 */
export function chatRoute(client: OpenRouterClient, options: ChatRouteOptions) {
  return async function handle(request: Request): Promise<Response> {
    if (request.method !== "POST") {
      return Response.json({ error: "Use POST." }, { status: 405, headers: { allow: "POST" } });
    }
    const prompt = await promptOf(request);
    if (prompt === undefined)
      return Response.json({ error: 'Send JSON: { "prompt": "…" }' }, { status: 400 });
    try {
      const stream = await streamChat(
        client,
        { model: options.model, messages: [{ role: "user", content: prompt }] },
        // The page going away aborts the request upstream, which stops billing.
        { signal: request.signal, headers: options.headers },
      );
      return new Response(stream.toReadableStream(), {
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
      });
    } catch (error) {
      // Errors before the first byte (bad key, no credits…) keep their status; the message is redacted.
      if (!(error instanceof OpenRouterError)) throw error;
      return Response.json({ error: error.message }, { status: error.status ?? 502 });
    }
  };
}

async function promptOf(request: Request): Promise<string | undefined> {
  const body = (await request.json().catch(() => undefined)) as { prompt?: unknown } | undefined;
  return typeof body?.prompt === "string" && body.prompt.trim() !== "" ? body.prompt : undefined;
}
