import type { OpenRouterClient } from "@or/fetch";
import type { ChatRequest, ChatStreamChunk } from "@or/types";
import type { ChatCompletion } from "./chat-accumulator";
import { chatProtocol } from "./chat-protocol";
import { EventStream, type StreamOptions } from "./event-stream";
import { postStream, type StreamRequestOptions } from "./post-stream";
import { bodyOf } from "./response-body";

/**
 * A streamed chat completion: iterate its chunks, or take the text, the final completion, or UI
 * events. Consumed once; breaking out of `for await` cancels the HTTP request.
 * @example
 * const stream = await streamChat(client, { model: "openai/gpt-4o", messages });
 * for await (const text of stream.textStream) process.stdout.write(text);
 * const completion = await stream.finalCompletion();
 * console.log(completion.usage?.total_tokens, stream.generationId);
 */
export class ChatStream extends EventStream<ChatStreamChunk, ChatCompletion> {
  constructor(body: ReadableStream<Uint8Array>, options: StreamOptions = {}, response?: Response) {
    super(body, chatProtocol, options, response);
  }

  /** A stream over a `fetch` response of `POST /chat/completions` with `stream: true`. */
  static fromResponse(response: Response, options?: StreamOptions): ChatStream {
    return new ChatStream(bodyOf(response), options, response);
  }

  /** The other end of `toReadableStream()`: SSE bytes from your server, in a browser. */
  static fromReadableStream(
    stream: ReadableStream<Uint8Array>,
    options?: StreamOptions,
  ): ChatStream {
    return new ChatStream(stream, options);
  }

  /** The completion assembled from every chunk: text, reasoning, tool calls, finish reasons, usage. */
  finalCompletion(): Promise<ChatCompletion> {
    return this.final();
  }

  /** The text of the first choice. */
  async finalText(): Promise<string> {
    const completion = await this.final();
    const content = completion.choices[0]?.message.content;
    return typeof content === "string" ? content : "";
  }

  /** Two streams over the same bytes, for two consumers. */
  tee(): [ChatStream, ChatStream] {
    const [a, b] = this.teeBodies();
    return [
      new ChatStream(a, this.options, this.response),
      new ChatStream(b, this.options, this.response),
    ];
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
export async function streamChat(
  client: OpenRouterClient,
  body: ChatRequest,
  options: StreamRequestOptions = {},
): Promise<ChatStream> {
  const {
    body: stream,
    response,
    streamOptions,
  } = await postStream(client, "/chat/completions", body, options);
  return new ChatStream(stream, streamOptions, response);
}
