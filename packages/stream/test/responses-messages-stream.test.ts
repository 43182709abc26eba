import { describe, expect, it } from "vitest";
import {
  MessagesStream,
  ResponsesStream,
  StreamError,
  StreamStateError,
  streamMessages,
  streamResponse,
} from "../src/index.ts";
import { collect } from "./support/byte-streams.ts";
import { fixture, recordedEvents } from "./support/fixtures.ts";
import { fixtureHeaders, useReplayServer } from "./support/replay.ts";

const replay = useReplayServer();

const response = (name: string, accumulate = false) =>
  streamResponse(
    replay.client,
    { model: "openai/gpt-4o", input: "Hi" },
    { headers: fixtureHeaders(`createResponses/${name}`), accumulate },
  );
const message = (name: string, accumulate = false) =>
  streamMessages(
    replay.client,
    {
      model: "anthropic/claude-sonnet-4",
      max_tokens: 256,
      messages: [{ role: "user", content: "Hi" }],
    },
    { headers: fixtureHeaders(`createMessages/${name}`), accumulate },
  );

describe("ResponsesStream", () => {
  it("textStream, then finalResponse() from response.completed", async () => {
    const stream = await response("stream-text");
    expect(await collect(stream.textStream)).toEqual(["Red", ", amber", " and", " gold", "."]);
    const final = await stream.finalResponse();
    const completed = recordedEvents(fixture("createResponses/stream-text")).at(-1) as {
      response: unknown;
    };
    expect(final).toEqual(completed.response);
  });

  it("reasoningStream gives the reasoning_text deltas", async () => {
    const stream = await response("stream-reasoning");
    expect((await collect(stream.reasoningStream)).join("")).toBe(
      "221 is odd and not a multiple of 3 or 5. Try 13: 13 × 17 = 221. So it is composite.",
    );
  });

  it("emits content, tool-call deltas and the completed call, and each event by its type", async () => {
    const stream = await response("stream-function-call");
    const deltas: string[] = [];
    const done: { name: string; arguments: string }[] = [];
    const typed: string[] = [];
    stream
      .on("toolCallDelta", (d) => deltas.push(d.argumentsDelta))
      .on("toolCallDone", (item) => done.push(item))
      .on("response.completed", (e) => typed.push(e.type));
    await stream.finalResponse();
    expect(JSON.parse(deltas.join(""))).toEqual({ city: "Porto", unit: "celsius" });
    expect(done.map((d) => d.name)).toEqual(["get_weather"]);
    expect(typed).toEqual(["response.completed"]);
  });

  it("is consumed once and rejects finalResponse() when it did not accumulate", async () => {
    const stream = await response("stream-text");
    await collect(stream);
    await expect(collect(stream)).rejects.toBeInstanceOf(StreamStateError);
    await expect(stream.finalResponse()).rejects.toThrow(/final response is unknown/);
  });

  it("round-trips through toReadableStream() / fromReadableStream(), errors included", async () => {
    const copy = ResponsesStream.fromReadableStream(
      (await response("stream-function-call")).toReadableStream(),
    );
    expect(await collect(copy)).toEqual(
      recordedEvents(fixture("createResponses/stream-function-call")),
    );
    const failed = ResponsesStream.fromReadableStream(
      (await response("stream-error")).toReadableStream(),
    );
    const error = (await collect(failed).catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.code).toBe("server_error");
  });

  it("tee() gives two identical readers", async () => {
    const [a, b] = (await response("stream-reasoning")).tee();
    const [textA, textB] = await Promise.all([a.finalText(), b.finalText()]);
    expect(textA).toBe(textB);
    expect(textA.length).toBeGreaterThan(0);
  });
});

describe("MessagesStream", () => {
  it("textStream, then finalMessage() with usage and stop reason", async () => {
    const stream = await message("stream-text");
    const text = (await collect(stream.textStream)).join("");
    const final = await stream.finalMessage();
    expect(text).toBe(await stream.finalText());
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.input_tokens).toBe(17);
  });

  it("reasoningStream gives the thinking deltas", async () => {
    const stream = await message("stream-thinking");
    expect((await collect(stream.reasoningStream)).join("")).toBe(
      "221 is odd and not a multiple of 3 or 5. Try 13: 13 × 17 = 221.",
    );
  });

  it("emits content, input_json deltas, the finished tool call, and each event by its name", async () => {
    const stream = await message("stream-tool-use");
    const json: string[] = [];
    const content: string[] = [];
    const stops: number[] = [];
    const done: [{ name: string; input: unknown }, number][] = [];
    stream
      .on("toolCallDone", (block, index) => done.push([block, index]))
      .on("toolCallDelta", (d) => json.push(d.argumentsDelta))
      .on("content", (t) => content.push(t))
      .on("content_block_stop", (e) => stops.push(e.index));
    const final = await stream.finalMessage();
    expect(JSON.parse(json.join(""))).toEqual({ city: "Porto", unit: "celsius" });
    expect(content.join("")).toBe("I'll check the forecast for Porto.");
    expect(stops).toEqual([0, 1]);
    expect(done).toEqual([
      [
        expect.objectContaining({ name: "get_weather", input: { city: "Porto", unit: "celsius" } }),
        1,
      ],
    ]);
    expect(final.content).toHaveLength(2);
  });

  it("round-trips through toReadableStream() with the event names kept", async () => {
    const original = await message("stream-thinking", true);
    const copy = MessagesStream.fromReadableStream(original.toReadableStream(), {
      accumulate: true,
    });
    expect(await collect(copy)).toEqual(recordedEvents(fixture("createMessages/stream-thinking")));
    expect(await copy.finalMessage()).toEqual(await original.finalMessage());
  });

  it("a re-emitted error stays a StreamError", async () => {
    const copy = MessagesStream.fromReadableStream(
      (await message("stream-error")).toReadableStream(),
    );
    const error = (await collect(copy).catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.status).toBe(529);
  });

  it("tee() gives two identical readers", async () => {
    const [a, b] = (await message("stream-tool-use")).tee();
    const [m1, m2] = await Promise.all([a.finalMessage(), b.finalMessage()]);
    expect(m1).toEqual(m2);
  });
});
