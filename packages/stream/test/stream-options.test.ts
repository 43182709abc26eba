import { createOpenRouter } from "@or/fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ChatStream,
  ImagesStream,
  MessagesStream,
  ResponsesStream,
  sseEvents,
  streamChat,
  StreamTimeoutError,
  type StreamOptions,
} from "../src/index.ts";
import { streamOf } from "./support/byte-streams.ts";
import { chatChunkEvent, startRawSseServer, type RawSseServer } from "./support/raw-sse-server.ts";
import { TEST_KEY } from "./support/replay.ts";

const NOT_DURATIONS = [Number.NaN, 0, -1, -Infinity, "1000", null, true, {}];

const WRONG: [keyof StreamOptions, unknown][] = [
  ...NOT_DURATIONS.map((v): [keyof StreamOptions, unknown] => ["idleTimeoutMs", v]),
  ...NOT_DURATIONS.map((v): [keyof StreamOptions, unknown] => ["timeoutMs", v]),
  ["maxEventBytes", Number.NaN],
  ["maxEventBytes", "16"],
  ["accumulate", "yes"],
  ["onComment", "log"],
  ["signal", { aborted: false }],
];

/** The stream classes, typed as one (their constructors take the same arguments). */
const CLASSES = [
  ChatStream,
  ResponsesStream,
  MessagesStream,
  ImagesStream,
] as (typeof ChatStream)[];

describe("every option is checked when the stream is made: a TypeError naming it", () => {
  it.each(WRONG)("%s: %s", (name, value) => {
    for (const Stream of CLASSES) {
      const make = () => Stream.fromReadableStream(streamOf([]), { [name]: value });
      expect(make).toThrow(TypeError);
      expect(make).toThrow(new RegExp(`^${name} must be`));
    }
  });

  it("options that are not an object", () => {
    expect(() => ChatStream.fromReadableStream(streamOf([]), null as never)).toThrow(TypeError);
  });

  it("sseEvents checks its options on the first read", async () => {
    await expect(sseEvents(streamOf([]), { onComment: 5 as never }).next()).rejects.toThrow(
      /^onComment must be a function/,
    );
  });

  it("Infinity, and large finite limits, are accepted", async () => {
    const stream = ChatStream.fromReadableStream(
      streamOf([chatChunkEvent("ok", "stop"), "data: [DONE]\n\n"]),
      { idleTimeoutMs: Infinity, timeoutMs: 2 ** 40 },
    );
    expect(await stream.finalText()).toBe("ok");
  });
});

describe("streamChat checks the options before sending anything", () => {
  let server: RawSseServer;
  beforeAll(async () => {
    server = await startRawSseServer(async ({ write }) => {
      await write(chatChunkEvent("hi", "stop") + "data: [DONE]\n\n");
    });
  });
  afterAll(() => server.close());

  it("idleTimeoutMs: NaN rejects with a TypeError and no request reaches the server", async () => {
    const client = createOpenRouter({ baseUrl: server.url, apiKey: TEST_KEY, retry: false });
    const body = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };
    await expect(streamChat(client, body, { idleTimeoutMs: Number.NaN })).rejects.toThrow(
      /^idleTimeoutMs must be a positive number/,
    );
    expect(server.connections).toHaveLength(0);
    // The control: the same call with a valid option does reach it.
    expect(await (await streamChat(client, body, { idleTimeoutMs: 60_000 })).finalText()).toBe(
      "hi",
    );
    expect(server.connections).toHaveLength(1);
  });
});

describe("limits longer than setTimeout can wait (fake clock)", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** A body that never sends anything. */
  const silent = () => new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });

  it("timeoutMs 2^40 neither fires early nor spins a 1 ms timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const stream = ChatStream.fromReadableStream(silent(), { timeoutMs: 2 ** 40 });
    void stream[Symbol.asyncIterator]()
      .next()
      .catch(() => {});
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stream.aborted).toBe(false);
    // A timer clamped to 1 ms would have been re-armed about 60,000 times within the minute.
    expect(setTimeoutSpy.mock.calls.length).toBeLessThan(5);
    stream.abort();
  });

  it("timeoutMs past 24.8 days is still reached, in several waits", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const stream = ChatStream.fromReadableStream(silent(), { timeoutMs: 2 ** 32 });
    const next = stream[Symbol.asyncIterator]().next();
    const outcome = next.then(
      () => undefined,
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(2 ** 32 + 1);
    expect(await outcome).toBeInstanceOf(StreamTimeoutError);
  });
});
