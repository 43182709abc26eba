import { anySignal, errorFromResponse, type OpenRouterClient } from "@or/fetch";
import type { StreamOptions } from "./event-stream";
import { bodyOf } from "./response-body";

/** Per-request options of `streamChat`, `streamResponse` and `streamMessages`. */
export interface StreamRequestOptions extends StreamOptions {
  /** Extra headers for this request (e.g. `X-OpenRouter-Metadata`). */
  headers?: Record<string, string>;
}

type StreamingPath = "/chat/completions" | "/responses" | "/messages";

/**
 * POSTs `body` with `stream: true` and hands back the body once the headers arrive, with the
 * controller that cancels the request. HTTP errors are thrown as `OpenRouterError`s.
 */
export async function postStream(
  client: OpenRouterClient,
  path: StreamingPath,
  body: object,
  options: StreamRequestOptions,
): Promise<{ body: ReadableStream<Uint8Array>; response: Response; streamOptions: StreamOptions }> {
  const { headers, ...streamOptions } = options;
  const requestController = new AbortController();
  const signal = options.signal
    ? anySignal([options.signal, requestController.signal])
    : requestController.signal;
  // The path union makes the body type a union too; each caller types its own body.
  const post = client.POST as (
    path: StreamingPath,
    init: object,
  ) => Promise<{ error?: unknown; response: Response }>;
  const result = await post(path, {
    body: { ...body, stream: true },
    parseAs: "stream",
    signal,
    headers,
  });
  if (result.error !== undefined || !result.response.ok)
    throw errorFromResponse(result.response, result.error);
  return {
    body: bodyOf(result.response),
    response: result.response,
    streamOptions: { ...streamOptions, requestController },
  };
}
