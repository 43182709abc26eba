import type { OpenRouterClient } from "@or/fetch";
import type { ChatRequest, ChatStreamChunk } from "@or/types";
import type { ChatCompletion } from "./chat-accumulator";
import { chatProtocol } from "./chat-protocol";
import { EventStream, type StreamOptions } from "./event-stream";
import { postStream, type StreamRequestOptions } from "./post-stream";

/**
 * A streamed chat completion: iterate its chunks, or take the text, the final completion, or UI
 * events. Consumed once; breaking out of `for await` cancels the HTTP request.
 * `ChatStream.fromResponse(response)` reads a `fetch` response of `POST /chat/completions` with
 * `stream: true`; `ChatStream.fromReadableStream(body)` the bytes of `toReadableStream()`.
 * @example
 * const stream = await streamChat(client, { model: "openai/gpt-4o", messages });
 * for await (const text of stream.textStream) process.stdout.write(text);
 * const completion = await stream.finalCompletion();
 * console.log(completion.usage?.total_tokens, stream.generationId);
 */
export class ChatStream extends EventStream<ChatStreamChunk, ChatCompletion> {
  constructor(body: ReadableStream<Uint8Array>, options?: StreamOptions, response?: Response) {
    super(body, chatProtocol, options, response);
  }

  /** The completion assembled from every chunk: text, reasoning, tool calls, finish reasons, usage. */
  finalCompletion(): Promise<ChatCompletion> {
    return this.final();
  }

  /** The text of the first choice. */
  async finalText(): Promise<string> {
    const content = (await this.final()).choices[0]?.message.content;
    return typeof content === "string" ? content : "";
  }
}

/**
 * Sends a chat completion request with `stream: true` and returns its `ChatStream` once the
 * response headers arrive. HTTP errors (401, 402, 429 after retries…) are thrown as
 * `OpenRouterError`s here; errors after that come out of the stream.
 * @example
 * const stream = await streamChat(client, { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] });
 * for await (const chunk of stream) console.log(chunk.choices[0]?.delta.content);
 */
export function streamChat(
  client: OpenRouterClient,
  body: ChatRequest,
  options: StreamRequestOptions = {},
): Promise<ChatStream> {
  return postStream(ChatStream, client, "/chat/completions", body, options);
}
