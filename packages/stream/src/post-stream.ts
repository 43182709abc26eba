import { anySignal, errorFromResponse, type OpenRouterClient } from "@or/fetch";
import type { EventStream, StreamClass } from "./event-stream";
import { checkStreamOptions, type StreamOptions } from "./stream-options";

/** Per-request options of `streamChat`, `streamResponse`, `streamMessages` and `streamImages`. */
export interface StreamRequestOptions extends StreamOptions {
  /** Extra headers for this request (e.g. `X-OpenRouter-Metadata`). */
  headers?: Record<string, string>;
}

type StreamingPath = "/chat/completions" | "/responses" | "/messages" | "/images";

/**
 * POSTs `body` with `stream: true` and, once the headers arrive, opens the response as a
 * `Stream` that cancels the request when it stops. HTTP errors are thrown as `OpenRouterError`s.
 */
export async function postStream<S>(
  // Opened by `fromResponse`, which a class may adapt (an image stream reads buffered JSON).
  Stream: StreamClass<S> & Pick<typeof EventStream, "fromResponse">,
  client: OpenRouterClient,
  path: StreamingPath,
  body: object,
  options: StreamRequestOptions,
): Promise<S> {
  // Before anything is sent: a wrong option must not cost a request.
  checkStreamOptions(options);
  const requestController = new AbortController();
  // The path union makes the body type a union too; each caller types its own body.
  const post = client.POST as (
    path: StreamingPath,
    init: object,
  ) => Promise<{ error?: unknown; response: Response }>;
  const { error, response } = await post(path, {
    body: { ...body, stream: true },
    parseAs: "stream",
    signal: anySignal([options.signal, requestController.signal]),
    headers: options.headers,
  });
  if (error !== undefined || !response.ok) throw errorFromResponse(response, error);
  // The stream ignores `headers`, which were for the request.
  return Stream.fromResponse(response, { ...options, requestController });
}
