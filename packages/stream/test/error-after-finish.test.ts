import { describe, expect, it } from "vitest";
import {
  ChatStream,
  MessagesStream,
  ResponsesStream,
  StreamError,
  type ChatCompletion,
} from "../src/index.ts";
import { collect, streamOf } from "./support/byte-streams.ts";

/**
 * A length-limited answer followed by an error chunk that repeats why it stopped, with the usage,
 * then `[DONE]`: the shape a free model's stream was seen to end with (written here in our own
 * words from that fact).
 */
const head = {
  id: "gen-limit-1",
  object: "chat.completion.chunk",
  created: 1762000000,
  model: "vendor/model:free",
  provider: "Vendor",
};
const data = (chunk: object) => `data: ${JSON.stringify({ ...head, ...chunk })}\n\n`;
const delta = (fields: object, finish: string | null = null) => ({
  choices: [
    {
      index: 0,
      delta: { role: "assistant", ...fields },
      finish_reason: finish,
      native_finish_reason: finish,
    },
  ],
});
const usage = { prompt_tokens: 40, completion_tokens: 10, total_tokens: 50 };

const LIMITED_THEN_ERROR = [
  ": OPENROUTER PROCESSING\n\n",
  data(delta({ content: "", reasoning: "Thinking about" })),
  data(delta({ content: "", reasoning: " a greeting" })),
  data(delta({ content: "Hello th" })),
  data(delta({ content: "" }, "length")),
  data({ error: { code: 400, message: "Token limit reached" }, ...delta({ content: "" }), usage }),
  "data: [DONE]\n\n",
];

describe("an error chunk after the answer finished is a warning, not a failure", () => {
  it("finalCompletion resolves with the finished answer and the usage; the error is in warnings", async () => {
    const stream = ChatStream.fromReadableStream(streamOf(LIMITED_THEN_ERROR));
    const warned: unknown[] = [];
    const failed: unknown[] = [];
    stream
      .on("warning", (w: unknown) => warned.push(w))
      .on("error", (e: unknown) => failed.push(e));
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]).toMatchObject({
      finish_reason: "length",
      message: { content: "Hello th", reasoning: "Thinking about a greeting" },
    });
    expect(completion.usage).toEqual(usage);
    expect(stream.warnings).toHaveLength(1);
    const [warning] = stream.warnings;
    expect(warning).toBeInstanceOf(StreamError);
    expect(warning!.message).toBe("400 Token limit reached");
    expect(warning!.status).toBe(400);
    expect(warning!.retryable).toBe(false);
    expect((warning as StreamError<ChatCompletion>).partial!.choices[0]!.message.content).toBe(
      "Hello th",
    );
    expect(warned).toEqual([warning]);
    expect(failed).toEqual([]);
  });

  it("iteration ends normally and hands out the error chunk as it came", async () => {
    const stream = ChatStream.fromReadableStream(streamOf(LIMITED_THEN_ERROR));
    const chunks = await collect(stream);
    expect(chunks).toHaveLength(5);
    expect(chunks[4]).toMatchObject({ error: { code: 400, message: "Token limit reached" } });
    expect(stream.warnings.map((w) => w.message)).toEqual(["400 Token limit reached"]);
  });

  it("re-emitted to a browser, the far side gets the same answer and the same warning", async () => {
    const upstream = ChatStream.fromReadableStream(streamOf(LIMITED_THEN_ERROR));
    const far = ChatStream.fromReadableStream(upstream.toReadableStream());
    expect(await far.finalText()).toBe("Hello th");
    expect(far.warnings.map((w) => w.message)).toEqual(["400 Token limit reached"]);
  });

  it("the control: the same error before any finish reason fails the stream, answer in partial", async () => {
    const beforeFinish = LIMITED_THEN_ERROR.filter((_, i) => i !== 4);
    const stream = ChatStream.fromReadableStream(streamOf(beforeFinish));
    const error = await stream.finalCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError<ChatCompletion>).partial!.choices[0]!.message.content).toBe(
      "Hello th",
    );
    expect(stream.warnings).toEqual([]);
  });

  it("Responses: an error event after response.completed is a warning", async () => {
    const event = (e: object) => `data: ${JSON.stringify(e)}\n\n`;
    const stream = ResponsesStream.fromReadableStream(
      streamOf([
        event({
          type: "response.completed",
          response: { id: "resp_1", status: "completed", output: [] },
        }),
        event({ type: "error", code: "server_error", message: "Late failure", sequence_number: 9 }),
        "data: [DONE]\n\n",
      ]),
    );
    expect((await stream.finalResponse()).status).toBe("completed");
    expect(stream.warnings.map((w) => [w.status, w.message])).toEqual([[500, "500 Late failure"]]);
  });

  it("Messages: an error event after message_stop is a warning", async () => {
    const event = (name: string, e: object) =>
      `event: ${name}\ndata: ${JSON.stringify({ type: name, ...e })}\n\n`;
    const stream = MessagesStream.fromReadableStream(
      streamOf([
        event("message_start", { message: { id: "msg_1", role: "assistant", content: [] } }),
        event("message_stop", {}),
        event("error", { error: { type: "overloaded_error", message: "Overloaded" } }),
      ]),
    );
    expect((await stream.finalMessage()).id).toBe("msg_1");
    expect(stream.warnings.map((w) => w.status)).toEqual([529]);
  });
});
