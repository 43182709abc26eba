import { ConnectionError, createOpenRouter, RateLimitError, TimeoutError } from "@or/fetch";
import type { Fault } from "@or/testing";
import fixtureSchema from "@or/testing/fixture.schema.json";
import { describe, expect, it, vi } from "vitest";
import {
  StreamConnectionError,
  StreamIdleError,
  StreamParseError,
  StreamTruncatedError,
  streamChat,
  type ChatCompletion,
  type ChatStream,
} from "../src/index.ts";
import { collect } from "./support/byte-streams.ts";
import { fixture, recordedEvents } from "./support/fixtures.ts";
import { fixtureHeaders, TEST_KEY, useReplayServer } from "./support/replay.ts";

const replay = useReplayServer();
const BODY = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };
const TEXT = "sendChatCompletionRequest/stream-text";
const TEXT_CONTENT = "A lighthouse keeper tends the lamp and its lens,";

function open(
  name: string,
  faults?: Fault | Fault[],
  options: { accumulate?: boolean; idleTimeoutMs?: number } = {},
) {
  return streamChat(replay.client, BODY, {
    headers: fixtureHeaders(name, faults),
    accumulate: true,
    ...options,
  });
}

/** Iterates the stream into `chunks` until it fails; an end without error fails the test. */
async function failureOf(
  stream: ChatStream,
  chunks: unknown[] = [],
): Promise<{ chunks: unknown[]; error: unknown }> {
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    return { chunks, error };
  }
  throw new Error("the stream ended without an error");
}

const faultTypes = (
  fixtureSchema.$defs.fault.oneOf as { properties: { type: { const: string } } }[]
).map((variant) => variant.properties.type.const);

describe("every fault of @or/testing through streamChat", () => {
  const covered = new Set<string>();
  const cover = (type: Fault["type"]) => covered.add(type);

  it("status-sequence: a 503 is retried before the stream starts", async () => {
    cover("status-sequence");
    replay.server.addFault({
      fault: { type: "status-sequence", statuses: [503, 200] },
      match: { fixture: TEXT },
    });
    const stream = await open(TEXT);
    expect(await stream.finalText()).toContain("A lighthouse keeper");
    expect(replay.server.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it("status-sequence: a status that outlasts the retries is thrown by streamChat, typed", async () => {
    replay.server.addFault({
      fault: { type: "status-sequence", statuses: [429, 429, 429] },
      match: { fixture: TEXT },
    });
    const error = await open(TEXT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect(replay.server.requests).toHaveLength(3);
  });

  it("delay-headers: a slow start still streams", async () => {
    cover("delay-headers");
    const stream = await open(TEXT, { type: "delay-headers", ms: 30 });
    expect(await stream.finalText()).toContain(TEXT_CONTENT);
  });

  it("delay-headers: past the client's timeoutMs it is a TimeoutError, before any stream", async () => {
    const client = createOpenRouter({
      baseUrl: replay.server.url,
      apiKey: TEST_KEY,
      retry: false,
      timeoutMs: 50,
    });
    const error = await streamChat(client, BODY, {
      // Headers held back for an hour: the 50 ms limit passes first on any machine.
      headers: fixtureHeaders(TEXT, { type: "delay-headers", ms: 3_600_000 }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("stall (forever): idleTimeoutMs ends it with StreamIdleError and the partial completion", async () => {
    cover("stall");
    // The idle limit runs on a fake clock: it passes when the test says, after the three items
    // arrived, however slow the machine (the server's stall is real and endless).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const stream = await open(TEXT, { type: "stall", afterItems: 3 }, { idleTimeoutMs: 150 });
      const chunks: unknown[] = [];
      let ended = false;
      const failure = failureOf(stream, chunks).finally(() => (ended = true));
      while (chunks.length < 3 && !ended) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(150);
      const { error } = await failure;
      expect(chunks).toHaveLength(3);
      expect(error).toBeInstanceOf(StreamIdleError);
      expect((error as StreamIdleError).kind).toBe("stream_idle");
      expect((error as StreamIdleError).retryable).toBe(true);
      expect((error as StreamIdleError<ChatCompletion>).partial!.choices[0]!.message.content).toBe(
        TEXT_CONTENT,
      );
      expect(stream.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stall (for a while): without limits the stream just waits and completes", async () => {
    const stream = await open(TEXT, { type: "stall", afterItems: 2, ms: 60 });
    expect(await stream.finalText()).toContain(TEXT_CONTENT);
  });

  it("reset-before-headers: a ConnectionError from streamChat after the retries", async () => {
    cover("reset-before-headers");
    const error = await open(TEXT, { type: "reset-before-headers" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(StreamConnectionError);
    expect(replay.server.requests).toHaveLength(3);
  });

  it.each([
    ["after 3 items", { type: "reset-mid-stream", afterItems: 3 } as Fault, 3],
    ["inside an event", { type: "reset-mid-stream", afterBytes: 700 } as Fault, 2],
  ])(
    "reset-mid-stream %s: StreamConnectionError (a ConnectionError) with the partial",
    async (_n, fault, seen) => {
      cover("reset-mid-stream");
      const { chunks, error } = await failureOf(await open(TEXT, fault));
      expect(chunks).toHaveLength(seen);
      expect(error).toBeInstanceOf(StreamConnectionError);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).not.toBeInstanceOf(TypeError);
      const e = error as StreamConnectionError<ChatCompletion>;
      expect(e.kind).toBe("connection");
      expect(e.retryable).toBe(true);
      expect(e.cause).toBeInstanceOf(TypeError);
      // The socket's reason (undici's `cause`), not the bare `terminated` of its TypeError.
      const reason = ((e.cause as Error).cause as Error).message;
      expect(reason).not.toBe("");
      expect(e.message).toBe(`The chat completion stream lost its connection: ${reason}`);
      expect(e.generationId).toBe("gen-1767225600-Lh4TqW8nVb2KpXe6RzYa");
      expect(e.partial!.choices[0]!.message.content).toBe(
        recordedEvents(fixture(TEXT))
          .slice(0, seen)
          .map(
            (c) => (c as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content,
          )
          .join(""),
      );
    },
  );

  it("truncate before any finish reason: StreamTruncatedError with the partial", async () => {
    cover("truncate");
    const { chunks, error } = await failureOf(
      await open(TEXT, { type: "truncate", afterItems: 3 }),
    );
    expect(chunks).toHaveLength(3);
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect((error as StreamTruncatedError).retryable).toBe(true);
    expect((error as StreamTruncatedError).generationId).toBe(
      "gen-1767225600-Lh4TqW8nVb2KpXe6RzYa",
    );
    expect(
      (error as StreamTruncatedError<ChatCompletion>).partial!.choices[0]!.message.content,
    ).toBe(TEXT_CONTENT);
  });

  it("truncate after the finish reason: completes normally (no usage, no [DONE])", async () => {
    const events = recordedEvents(fixture(TEXT));
    const stream = await open(TEXT, { type: "truncate", afterItems: events.length - 1 });
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(completion.usage).toBeUndefined();
  });

  it.each(["stream-utf8", "stream-crlf", "stream-tool-calls"])(
    "split-bytes 1: %s arrives byte by byte, chunks identical",
    async (name) => {
      cover("split-bytes");
      const key = `sendChatCompletionRequest/${name}`;
      const whole = await open(key);
      const split = await open(key, { type: "split-bytes", size: 1 });
      expect(await collect(split)).toEqual(await collect(whole));
      expect(await split.finalCompletion()).toEqual(await whole.finalCompletion());
    },
  );

  it("malformed-json: StreamParseError whose message leaves the payload out", async () => {
    cover("malformed-json");
    const { chunks, error } = await failureOf(
      await open(TEXT, { type: "malformed-json", atItem: 2 }),
    );
    expect(chunks).toHaveLength(2);
    expect(error).toBeInstanceOf(StreamParseError);
    const e = error as StreamParseError<ChatCompletion>;
    expect(e.kind).toBe("stream_parse");
    expect(e.generationId).toBe("gen-1767225600-Lh4TqW8nVb2KpXe6RzYa");
    expect(e.message).not.toContain("lens");
    expect(e.message).not.toContain("gen-");
    expect(e.message).not.toContain("{");
    expect(e.cause).toBeUndefined();
    expect(e.partial!.choices[0]!.message.content).toBe("A lighthouse keeper tends the lamp");
  });

  it("oversized-line: a 9 MiB event passes through whole", async () => {
    cover("oversized-line");
    const bytes = 9 * 1024 * 1024;
    const stream = await open(TEXT, { type: "oversized-line", bytes, atItem: 1 });
    const chunks = (await collect(stream)) as { padding?: string }[];
    expect(chunks).toHaveLength(recordedEvents(fixture(TEXT)).length + 1);
    expect(chunks[1]!.padding).toHaveLength(bytes - 'data: {"padding":""}'.length);
    expect((await stream.finalCompletion()).choices[0]!.message.content).toContain(TEXT_CONTENT);
  });

  it("covers every fault type the fixture schema defines", () => {
    expect([...covered].sort()).toEqual([...faultTypes].sort());
  });
});
