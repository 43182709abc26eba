import { describe, expect, it } from "vitest";
import {
  ChatStream,
  MessagesStream,
  ResponsesStream,
  streamChat,
  type EventStream,
} from "../src/index.ts";
import { streamOf } from "./support/byte-streams.ts";
import { fixtureHeaders, useReplayServer } from "./support/replay.ts";

/**
 * 2026 chat streams end with a usage chunk whose choice repeats the finish reason of the chunk
 * before it (`finish_reason` and `native_finish_reason`, an empty content delta). Written here
 * from that fact, in our own words; no recording is copied.
 */
const base = {
  id: "gen-2026-repeat",
  object: "chat.completion.chunk",
  created: 1780000000,
  model: "openai/gpt-4o",
  provider: "OpenAI",
};
const chunk = (choice: object, extra: object = {}) =>
  `data: ${JSON.stringify({ ...base, ...extra, choices: [choice] })}\n\n`;
const call = (index: number, fields: object) => ({
  index: 0,
  delta: { role: "assistant", content: null, tool_calls: [{ index, ...fields }] },
  finish_reason: null,
  native_finish_reason: null,
});
const usage = { prompt_tokens: 61, completion_tokens: 34, total_tokens: 95, cost: 0.0004 };

const TOOL_CALLS_2026 = [
  ": OPENROUTER PROCESSING\n\n",
  chunk(
    call(0, { id: "call_weather", type: "function", function: { name: "weather", arguments: "" } }),
  ),
  chunk(call(0, { function: { arguments: '{"city":' } })),
  chunk(call(1, { id: "call_time", type: "function", function: { name: "time", arguments: "" } })),
  chunk(call(0, { function: { arguments: '"Oslo"}' } })),
  chunk(call(1, { function: { arguments: "{}" } })),
  chunk({
    index: 0,
    delta: { role: "assistant", content: "" },
    finish_reason: "tool_calls",
    native_finish_reason: "tool_calls",
  }),
  // The usage chunk repeats the finish: this is what made toolCallDone fire twice.
  chunk(
    {
      index: 0,
      delta: { role: "assistant", content: "" },
      finish_reason: "tool_calls",
      native_finish_reason: "tool_calls",
    },
    { usage },
  ),
  "data: [DONE]\n\n",
];

/** Every UI event the stream emitted, in order, with its first argument. */
function record(stream: EventStream<any, any>) {
  const events: [string, unknown][] = [];
  for (const name of ["content", "toolCallDelta", "toolCallDone", "done", "error"]) {
    stream.on(name, (first: unknown) => events.push([name, first]));
  }
  return events;
}

const named = (events: [string, unknown][], name: string) =>
  events.filter(([n]) => n === name).map(([, first]) => first);

describe("a finish reason repeated by the usage chunk (2026 chat streams)", () => {
  it("toolCallDone fires exactly once per tool call, with its whole arguments", async () => {
    const stream = ChatStream.fromReadableStream(streamOf(TOOL_CALLS_2026));
    const events = record(stream);
    const completion = await stream.finalCompletion();
    expect(named(events, "toolCallDone")).toEqual([
      {
        id: "call_weather",
        type: "function",
        function: { name: "weather", arguments: '{"city":"Oslo"}' },
      },
      { id: "call_time", type: "function", function: { name: "time", arguments: "{}" } },
    ]);
    expect(named(events, "done")).toHaveLength(1);
    // An empty content delta is not a content event.
    expect(named(events, "content")).toEqual([]);
    expect(named(events, "toolCallDelta")).toHaveLength(5);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      native_finish_reason: "tool_calls",
      message: { role: "assistant", content: "" },
    });
    expect(completion.choices[0]!.message.tool_calls).toHaveLength(2);
    expect(completion.usage).toEqual(usage);
  });

  it("a text answer whose finish is repeated: one done, the text once, the usage kept", async () => {
    const text = (content: string, finish: string | null = null) =>
      chunk({
        index: 0,
        delta: { role: "assistant", content },
        finish_reason: finish,
        native_finish_reason: finish,
      });
    const stream = ChatStream.fromReadableStream(
      streamOf([
        text("Hel"),
        text("lo"),
        text("", "stop"),
        chunk(
          {
            index: 0,
            delta: { role: "assistant", content: "" },
            finish_reason: "stop",
            native_finish_reason: "stop",
          },
          { usage },
        ),
        "data: [DONE]\n\n",
      ]),
    );
    const events = record(stream);
    const completion = await stream.finalCompletion();
    expect(named(events, "content")).toEqual(["Hel", "lo"]);
    expect(named(events, "done")).toHaveLength(1);
    expect(completion.choices[0]!.message.content).toBe("Hello");
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(completion.usage).toEqual(usage);
  });

  it("Responses: an output_item.done sent twice for one function call fires toolCallDone once", async () => {
    const item = {
      type: "function_call",
      id: "fc_1",
      call_id: "call_1",
      name: "time",
      arguments: "{}",
      status: "completed",
    };
    const done = `data: ${JSON.stringify({ type: "response.output_item.done", output_index: 0, item, sequence_number: 3 })}\n\n`;
    const completed = `data: ${JSON.stringify({ type: "response.completed", response: { id: "resp_1", output: [item] }, sequence_number: 5 })}\n\n`;
    const stream = ResponsesStream.fromReadableStream(
      streamOf([done, done, completed, "data: [DONE]\n\n"]),
    );
    const events = record(stream);
    await stream.finalResponse();
    expect(named(events, "toolCallDone")).toEqual([item]);
  });

  it("Messages: a content_block_stop sent twice for one tool_use block fires toolCallDone once", async () => {
    const event = (name: string, data: object) =>
      `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    const stream = MessagesStream.fromReadableStream(
      streamOf([
        event("message_start", {
          message: {
            id: "msg_1",
            type: "message",
            role: "assistant",
            content: [],
            usage: { input_tokens: 5 },
          },
        }),
        event("content_block_start", {
          index: 0,
          content_block: { type: "tool_use", id: "toolu_1", name: "time", input: {} },
        }),
        event("content_block_delta", {
          index: 0,
          delta: { type: "input_json_delta", partial_json: '{"tz":"UTC"}' },
        }),
        event("content_block_stop", { index: 0 }),
        event("content_block_stop", { index: 0 }),
        event("message_delta", { delta: { stop_reason: "tool_use" }, usage: { output_tokens: 9 } }),
        event("message_stop", {}),
      ]),
    );
    const events = record(stream);
    const message = await stream.finalMessage();
    expect(named(events, "toolCallDone")).toEqual([
      { type: "tool_use", id: "toolu_1", name: "time", input: { tz: "UTC" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });
});

describe("the replay server's 2026 tool-call fixture", () => {
  const replay = useReplayServer();

  it("fires toolCallDone once for its one call, though the usage chunk repeats the finish", async () => {
    const stream = await streamChat(
      replay.client,
      { model: "openai/gpt-4o", messages: [{ role: "user", content: "Weather in Lisbon?" }] },
      { headers: fixtureHeaders("sendChatCompletionRequest/stream-tool-call-final-usage") },
    );
    const done: unknown[] = [];
    stream.on("toolCallDone", (call) => done.push(call));
    const completion = await stream.finalCompletion();
    expect(done).toEqual(completion.choices[0]!.message.tool_calls);
    expect(done).toHaveLength(1);
  });
});
