import { createOpenRouter } from "@or/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatStream,
  ImagesStream,
  sseEvents,
  StreamParseError,
  streamChat,
  type ChatCompletion,
} from "../src/index.ts";
import { cancellableStreamOf, collect, streamOf } from "./support/byte-streams.ts";
import { chatChunkEvent, startRawSseServer, type RawSseServer } from "./support/raw-sse-server.ts";
import { TEST_KEY } from "./support/replay.ts";

const KiB = 1024;
const MiB = 1024 * KiB;

/** `count` pieces of `size` bytes of one endless line (a data line that never ends). */
function endlessLine(count: number, size: number): string[] {
  return ["data: ", ...Array.from({ length: count }, () => "x".repeat(size))];
}

async function failure(stream: ChatStream) {
  return stream.finalCompletion().then(
    () => undefined,
    (error: unknown) => error as StreamParseError<ChatCompletion>,
  );
}

describe("maxEventBytes: an event past the limit fails at once, without buffering more", () => {
  it("a line longer than the limit: StreamParseError, not retryable, earlier events kept, reading stops", async () => {
    const { stream: body, state } = cancellableStreamOf([
      chatChunkEvent("before "),
      ...endlessLine(1_000, 16 * KiB), // 16 MiB if it were all read
    ]);
    const error = await failure(ChatStream.fromReadableStream(body, { maxEventBytes: 64 * KiB }));
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error!.retryable).toBe(false);
    expect(error!.message).toMatch(/longer than maxEventBytes \(65536 characters\)/);
    expect(error!.partial!.choices[0]!.message.content).toBe("before ");
    // The limit is 4 pieces: the framer gave up on the 5th and the body was cancelled.
    expect(state.reads).toBeLessThanOrEqual(7);
    expect(state.cancelled).toBe(true);
  });

  it("many short data lines of one event count together", async () => {
    const lines = Array.from({ length: 2_000 }, () => `data: ${"y".repeat(100)}\n`);
    const { stream: body, state } = cancellableStreamOf(lines);
    const error = await failure(ChatStream.fromReadableStream(body, { maxEventBytes: 10 * KiB }));
    expect(error).toBeInstanceOf(StreamParseError);
    expect(state.reads).toBeLessThan(150);
  });

  it("an event of exactly the limit passes; one character more does not", async () => {
    const chunk = JSON.parse(chatChunkEvent("z", "stop").slice(6)) as object;
    const data = JSON.stringify(chunk);
    const bytes = (extra: string) => `data: ${data}${extra}\n\ndata: [DONE]\n\n`;
    const exact = ChatStream.fromReadableStream(streamOf([bytes("")]), {
      maxEventBytes: data.length,
    });
    expect(await exact.finalText()).toBe("z");
    const over = ChatStream.fromReadableStream(streamOf([bytes(" ")]), {
      maxEventBytes: data.length,
    });
    expect(await failure(over)).toBeInstanceOf(StreamParseError);
  });

  it("the default (32 MiB) holds a 1 MiB event and stops a line that never ends past 32 MiB", async () => {
    const big = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "b".repeat(MiB) }, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`;
    expect(await ChatStream.fromReadableStream(streamOf([big])).finalText()).toHaveLength(MiB);

    const { stream: body, state } = cancellableStreamOf(endlessLine(64, MiB));
    const error = await failure(ChatStream.fromReadableStream(body));
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error!.message).toContain(`(${32 * MiB} characters)`);
    expect(state.reads).toBeLessThanOrEqual(35);
    expect(state.cancelled).toBe(true);
  });

  it("sseEvents: the events before, then StreamParseError", async () => {
    const { stream: body, state } = cancellableStreamOf([
      "data: first\n\n",
      ...endlessLine(100, KiB),
    ]);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of sseEvents(body, { maxEventBytes: 4 * KiB })) seen.push(event.data);
    })();
    await expect(reading).rejects.toBeInstanceOf(StreamParseError);
    expect(seen).toEqual(["first"]);
    expect(state.cancelled).toBe(true);
  });

  it("a buffered JSON image answer longer than the limit: StreamParseError", async () => {
    const answer = JSON.stringify({ created: 1, data: [{ b64_json: "A".repeat(200 * KiB) }] });
    const response = new Response(answer, { headers: { "content-type": "application/json" } });
    const stream = ImagesStream.fromResponse(response, { maxEventBytes: 100 * KiB });
    const error = await stream.finalImages().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as Error).message).toMatch(/longer than maxEventBytes/);
    // With room for it, the same answer is read.
    const roomy = ImagesStream.fromResponse(
      new Response(answer, { headers: { "content-type": "application/json" } }),
    );
    expect((await roomy.finalImages()).data).toHaveLength(1);
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity, "1000", 2 ** 30])(
    "maxEventBytes %s is a TypeError naming the option",
    async (value) => {
      const make = () =>
        ChatStream.fromReadableStream(streamOf([]), { maxEventBytes: value as number });
      expect(make).toThrow(TypeError);
      expect(make).toThrow(/maxEventBytes/);
      const events = sseEvents(streamOf([]), { maxEventBytes: value as number });
      await expect(events.next()).rejects.toThrow(/maxEventBytes/);
    },
  );
});

describe("maxEventBytes over HTTP", () => {
  /** Sends one answer chunk, then a data line that grows until the client leaves (64 MiB at most). */
  let floods: RawSseServer;
  beforeAll(async () => {
    floods = await startRawSseServer(async ({ write, alive }) => {
      await write(chatChunkEvent("start "));
      await write("data: ");
      for (let i = 0; i < 1_024 && alive(); i++) await write("w".repeat(64 * KiB));
    });
  });
  afterAll(() => floods.close());

  it("the request is cancelled once the line passes the limit: the server stops early", async () => {
    const client = createOpenRouter({ baseUrl: floods.url, apiKey: TEST_KEY, retry: false });
    const stream = await streamChat(
      client,
      { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
      { maxEventBytes: MiB },
    );
    const connection = await floods.nextConnection();
    const error = await failure(stream);
    expect(error).toBeInstanceOf(StreamParseError);
    expect(error!.partial!.choices[0]!.message.content).toBe("start ");
    expect(error!.generationId).toBe("gen-raw-0000");
    await connection.closed;
    // Far less than the 64 MiB the server would have sent to a reader that kept buffering.
    expect(connection.bytesWritten()).toBeLessThan(32 * MiB);
  });
});
