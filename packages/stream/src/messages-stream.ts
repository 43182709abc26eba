import type { OpenRouterClient } from "@or/fetch";
import type { MessagesResult, MessagesStreamEvents, RequestBody } from "@or/types";
import { EventStream, type StreamOptions } from "./event-stream";
import { MessagesAccumulator } from "./messages-accumulator";
import { postStream, type StreamRequestOptions } from "./post-stream";
import type { Protocol } from "./protocol";

/** Messages API (Anthropic format): named events; the stream ends at `message_stop`. */
export const messagesProtocol: Protocol<MessagesStreamEvents, MessagesResult> = {
  noun: "message",
  accumulator: () => new MessagesAccumulator(),
  errorOf(event) {
    if (event.type !== "error") return undefined;
    const error = (event as { error?: { type?: string; message?: string } }).error;
    return {
      message: error?.message ?? "The message failed.",
      code: error?.type,
      metadata: { type: error?.type },
    };
  },
  completes: (event) => event.type === "message_stop",
  text: (event) => deltaOf(event, "text_delta")?.text,
  reasoning: (event) => deltaOf(event, "thinking_delta")?.thinking,
  dispatch(event, emit, accumulated) {
    const e = event as Record<string, any>;
    if (e.type === "content_block_delta") {
      const delta = e.delta ?? {};
      if (delta.type === "text_delta") emit("content", delta.text, e.index);
      else if (delta.type === "thinking_delta") emit("reasoning", delta.thinking, e.index);
      else if (delta.type === "input_json_delta")
        emit("toolCallDelta", { index: e.index, argumentsDelta: delta.partial_json });
    } else if (e.type === "content_block_stop" && accumulated instanceof MessagesAccumulator) {
      // The block was closed (its input parsed) before UI events are dispatched.
      const block = accumulated.block(e.index);
      if (block?.type === "tool_use") emit("toolCallDone", block, e.index);
    }
    emit(e.type, event);
  },
  errorEvent: ({ message }) => ({
    event: "error",
    data: JSON.stringify({ type: "error", error: { type: "api_error", message } }),
  }),
};

function deltaOf(event: MessagesStreamEvents, type: string): Record<string, any> | undefined {
  if (event.type !== "content_block_delta") return undefined;
  const delta = (event as { delta?: Record<string, any> }).delta;
  return delta?.type === type ? delta : undefined;
}

/**
 * A streamed Messages API answer (Anthropic format): typed events and the final message.
 * @example
 * const stream = await streamMessages(client, { model: "anthropic/claude-sonnet-4", max_tokens: 512, messages });
 * const message = await stream.finalMessage();
 */
export class MessagesStream extends EventStream<MessagesStreamEvents, MessagesResult> {
  constructor(body: ReadableStream<Uint8Array>, options?: StreamOptions, response?: Response) {
    super(body, messagesProtocol, options, response);
  }

  /** The message: content blocks with tool inputs parsed, stop reason and usage. */
  finalMessage(): Promise<MessagesResult> {
    return this.final();
  }

  /** The text blocks of the message, joined. */
  async finalText(): Promise<string> {
    const message = await this.final();
    return (message.content as { type: string; text?: string }[])
      .filter((block) => block.type === "text")
      .map((block) => block.text ?? "")
      .join("");
  }
}

/** Sends `POST /messages` with `stream: true`; resolves once the headers arrive. */
export function streamMessages(
  client: OpenRouterClient,
  body: RequestBody<"createMessages">,
  options: StreamRequestOptions = {},
): Promise<MessagesStream> {
  return postStream(MessagesStream, client, "/messages", body, options);
}
