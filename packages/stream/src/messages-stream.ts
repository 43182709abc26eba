import type { OpenRouterClient } from "@or/fetch";
import type { MessagesResult, MessagesStreamEvents, RequestBody } from "@or/types";
import { EventStream, type StreamOptions } from "./event-stream";
import { MessagesAccumulator } from "./messages-accumulator";
import { postStream, type StreamRequestOptions } from "./post-stream";
import type { Protocol } from "./protocol";
import { emitByType } from "./ui-events";
import { isRecord, wireFailure } from "./wire-data";

/** Messages API (Anthropic format): named events; the stream ends at `message_stop`. */
export const messagesProtocol: Protocol<MessagesStreamEvents, MessagesResult> = {
  noun: "message",
  accumulator: () => new MessagesAccumulator(),
  errorOf(event) {
    if (event.type !== "error") return undefined;
    const { error } = event as { error?: unknown };
    const type = isRecord(error) && typeof error.type === "string" ? error.type : undefined;
    return { ...wireFailure(error, "The message failed."), code: type, metadata: { type } };
  },
  completes: (event) => event.type === "message_stop",
  text: (event) => deltaText(event, "text_delta", "text"),
  reasoning: (event) => deltaText(event, "thinking_delta", "thinking"),
  // Listeners imply accumulation, which has checked the event's index by now.
  dispatch(event, emit, accumulated, emitOnce) {
    const e = event as Record<string, any>;
    if (e.type === "content_block_delta") {
      const text = deltaText(event, "text_delta", "text");
      const thinking = deltaText(event, "thinking_delta", "thinking");
      const json = deltaText(event, "input_json_delta", "partial_json");
      if (text) emit("content", text, e.index);
      else if (thinking) emit("reasoning", thinking, e.index);
      else if (json !== undefined) emit("toolCallDelta", { index: e.index, argumentsDelta: json });
    } else if (e.type === "content_block_stop" && accumulated instanceof MessagesAccumulator) {
      // The block was closed (its input parsed) before UI events are dispatched.
      const block = accumulated.block(e.index ?? 0);
      if (block?.type === "tool_use") emitOnce(e.index ?? 0, "toolCallDone", block, e.index);
    }
    emitByType(emit, e);
  },
  errorEvent: ({ message }) => ({
    event: "error",
    data: JSON.stringify({ type: "error", error: { type: "api_error", message } }),
  }),
};

/** The text field `field` of a `content_block_delta` event whose delta is of `type`. */
function deltaText(event: MessagesStreamEvents, type: string, field: string): string | undefined {
  if (event.type !== "content_block_delta") return undefined;
  const delta = (event as { delta?: unknown }).delta;
  if (!isRecord(delta) || delta.type !== type) return undefined;
  return typeof delta[field] === "string" ? delta[field] : undefined;
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
