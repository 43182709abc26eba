import { describe, expect, it } from "vitest";
import { ChatStream, MessagesStream, ResponsesStream } from "../src/index.ts";
import { collect, streamOf } from "./support/byte-streams.ts";

/**
 * Wire facts of ../shared/reference/openrouter-wire.md, each as bytes written here: keep-alive
 * comments between events, Responses streams without `event:` lines, and Messages streams that
 * end with `event: data` / `data: [DONE]` after `message_stop`.
 */
const KEEP_ALIVE = ": OPENROUTER PROCESSING\n\n";
const data = (value: object) => `data: ${JSON.stringify(value)}\n\n`;
const named = (event: string, value: object) =>
  `event: ${event}\ndata: ${JSON.stringify({ type: event, ...value })}\n\n`;

describe("wire facts, from bytes", () => {
  it("chat: keep-alive comments before and between events are never chunks", async () => {
    const chunk = (content: string, finish: string | null = null) =>
      data({
        id: "gen-1",
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta: { content }, finish_reason: finish }],
      });
    const comments: string[] = [];
    const stream = ChatStream.fromReadableStream(
      streamOf([
        KEEP_ALIVE,
        KEEP_ALIVE,
        chunk("Hi"),
        KEEP_ALIVE,
        chunk(" there", "stop"),
        KEEP_ALIVE,
        "data: [DONE]\n\n",
      ]),
      { onComment: (c) => comments.push(c), accumulate: true },
    );
    expect(await collect(stream)).toHaveLength(2);
    expect(comments).toEqual(Array(4).fill("OPENROUTER PROCESSING"));
    expect(await stream.finalText()).toBe("Hi there");
  });

  it("Responses: data lines without `event:` lines, typed by their `type`, with keep-alives", async () => {
    const stream = ResponsesStream.fromReadableStream(
      streamOf([
        KEEP_ALIVE,
        data({
          type: "response.created",
          response: { id: "resp_1", status: "in_progress", output: [], usage: null },
          sequence_number: 0,
        }),
        data({
          type: "response.output_item.added",
          output_index: 0,
          item: { type: "message", id: "msg_1", role: "assistant", content: [] },
          sequence_number: 1,
        }),
        data({
          type: "response.content_part.added",
          output_index: 0,
          content_index: 0,
          item_id: "msg_1",
          part: { type: "output_text", text: "" },
          sequence_number: 2,
        }),
        KEEP_ALIVE,
        data({
          type: "response.output_text.delta",
          output_index: 0,
          content_index: 0,
          item_id: "msg_1",
          delta: "Four",
          sequence_number: 3,
        }),
        data({
          type: "response.output_text.delta",
          output_index: 0,
          content_index: 0,
          item_id: "msg_1",
          delta: ".",
          sequence_number: 4,
        }),
        "data: [DONE]\n\n",
      ]),
    );
    const types: string[] = [];
    stream.on("response.output_text.delta", (e: { type: string }) => types.push(e.type));
    // No response.completed: the response is assembled from the events.
    const response = await stream.finalResponse();
    expect(response).toMatchObject({
      id: "resp_1",
      output: [{ id: "msg_1", content: [{ type: "output_text", text: "Four." }] }],
    });
    expect(types).toHaveLength(2);
  });

  it("Messages: named events, pings and keep-alives, ending with `event: data` / `data: [DONE]`", async () => {
    const comments: string[] = [];
    const bytes = [
      KEEP_ALIVE,
      named("message_start", {
        message: {
          id: "msg_1",
          type: "message",
          role: "assistant",
          content: [],
          usage: { input_tokens: 9 },
        },
      }),
      named("ping", {}),
      named("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      KEEP_ALIVE,
      named("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Hello" } }),
      named("content_block_stop", { index: 0 }),
      named("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: 2 } }),
      named("message_stop", {}),
      "event: data\ndata: [DONE]\n\n",
    ];
    const stream = MessagesStream.fromReadableStream(streamOf(bytes), {
      accumulate: true,
      onComment: (c) => comments.push(c),
    });
    const events = (await collect(stream)) as { type: string }[];
    // `[DONE]` under `event: data` ends the stream: it is never a chunk.
    expect(events.map((e) => e.type)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(comments).toHaveLength(2);
    const message = await stream.finalMessage();
    expect(message).toMatchObject({
      stop_reason: "end_turn",
      content: [{ type: "text", text: "Hello" }],
      usage: { input_tokens: 9, output_tokens: 2 },
    });
  });
});
