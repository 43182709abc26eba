import { AbortError, createOpenRouter, PaymentRequiredError } from "@or/fetch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ChatStream,
  StreamError,
  StreamStateError,
  streamChat,
  type ChatCompletion,
} from "../src/index.ts";
import { collect, streamOf } from "./support/byte-streams.ts";
import { fixture, recordedBytes, recordedEvents } from "./support/fixtures.ts";
import {
  chatChunkEvent,
  pause,
  startRawSseServer,
  type RawSseServer,
} from "./support/raw-sse-server.ts";
import { fixtureHeaders, TEST_KEY, useReplayServer } from "./support/replay.ts";

const replay = useReplayServer();
const BODY = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };
const OP = "sendChatCompletionRequest";

const open = (name: string, options: { accumulate?: boolean } = {}) =>
  streamChat(replay.client, BODY, { headers: fixtureHeaders(`${OP}/${name}`), ...options });

// Raw servers of their own for each test: a connection one test leaves open can never be the
// `nextConnection()` of another.
/** A raw server that streams a chunk every 5 ms until the client leaves (or 2 000 chunks). */
let endless: RawSseServer;
/** A raw server that sends a complete answer and `[DONE]`, then more data, then holds the line. */
let holdsAfterDone: RawSseServer;

beforeEach(async () => {
  endless = await startRawSseServer(async ({ write, alive }) => {
    for (let i = 0; i < 2_000 && alive(); i++) {
      await write(chatChunkEvent(`t${i} `));
      await pause(5);
    }
  });
  holdsAfterDone = await startRawSseServer(async ({ write, alive }) => {
    await write(chatChunkEvent("Done", "stop") + "data: [DONE]\n\n" + chatChunkEvent("AFTER DONE"));
    for (let i = 0; i < 400 && alive(); i++) await pause(5);
  });
});
afterEach(async () => {
  await endless.close();
  await holdsAfterDone.close();
});

const clientOf = (server: RawSseServer) =>
  createOpenRouter({ baseUrl: server.url, apiKey: TEST_KEY, retry: false });

describe("ChatStream consumption", () => {
  it("is AsyncIterable<ChatStreamChunk>, consumed once, with a clear error the second time", async () => {
    const stream = await open("stream-text");
    expect(await collect(stream)).toEqual(recordedEvents(fixture(`${OP}/stream-text`)));
    const again = collect(stream);
    await expect(again).rejects.toBeInstanceOf(StreamStateError);
    await expect(again).rejects.toThrow(/already consumed.*tee\(\)/);
    expect(() => stream.toReadableStream()).toThrow(StreamStateError);
    expect(() => stream.tee()).toThrow(StreamStateError);
  });

  it("textStream gives the text deltas, then finalText() and finalCompletion() work", async () => {
    const stream = await open("stream-text");
    const deltas = await collect(stream.textStream);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas).not.toContain("");
    const text = deltas.join("");
    expect(await stream.finalText()).toBe(text);
    expect((await stream.finalCompletion()).choices[0]!.message.content).toBe(text);
  });

  it("reasoningStream gives the reasoning deltas only", async () => {
    const stream = await open("stream-reasoning");
    const reasoning = (await collect(stream.reasoningStream)).join("");
    expect(reasoning).toMatch(/^221 is odd.*itself\.$/);
    expect((await stream.finalCompletion()).choices[0]!.message.reasoning).toBe(reasoning);
  });

  it("does not accumulate by default: finalCompletion() after iterating is a helpful StreamStateError", async () => {
    const stream = await open("stream-text");
    await collect(stream);
    const error = await stream.finalCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamStateError);
    expect((error as Error).message).toMatch(
      /without accumulating.*before iterating.*accumulate: true/,
    );
    await expect(stream.finalText()).rejects.toBeInstanceOf(StreamStateError);
  });

  it("accumulates when asked with { accumulate: true }", async () => {
    const stream = await open("stream-text", { accumulate: true });
    await collect(stream);
    expect((await stream.finalCompletion()).usage?.total_tokens).toBe(43);
  });

  it("finalCompletion() before iterating consumes the stream by itself", async () => {
    const stream = await open("stream-tool-calls");
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]!.message.tool_calls).toHaveLength(2);
    await expect(collect(stream)).rejects.toBeInstanceOf(StreamStateError);
  });

  it("finalCompletion() then iterating in the same tick: both see everything", async () => {
    const stream = await open("stream-text");
    const final = stream.finalCompletion();
    const chunks = await collect(stream);
    expect(chunks).toHaveLength(recordedEvents(fixture(`${OP}/stream-text`)).length);
    expect((await final).choices[0]!.message.content).toBe(await stream.finalText());
  });

  it("finalCompletion() then textStream in the same tick: the deltas and the completion", async () => {
    const stream = await open("stream-text");
    const completion = stream.finalCompletion();
    const deltas = await collect(stream.textStream);
    expect((await completion).choices[0]!.message.content).toBe(deltas.join(""));
  });

  it("StreamError carries no partial when the stream was not accumulating, and one when it was", async () => {
    const plain = await open("stream-error-string-code");
    const e1 = await collect(plain).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(StreamError);
    expect((e1 as StreamError).partial).toBeUndefined();
    const accumulating = await open("stream-error-string-code", { accumulate: true });
    const e2 = await collect(accumulating).catch((e: unknown) => e);
    expect((e2 as StreamError<ChatCompletion>).partial!.choices[0]!.message.content).toContain(
      "red,",
    );
  });

  it("exposes generationId from X-Generation-Id and the response", async () => {
    const stream = await open("stream-text");
    expect(stream.generationId).toBe("gen-1767225600-Lh4TqW8nVb2KpXe6RzYa");
    expect(stream.response?.headers.get("content-type")).toContain("text/event-stream");
    await collect(stream);
  });
});

describe("ChatStream UI events", () => {
  it("emits content, tool-call deltas and completed tool calls, chunk, done", async () => {
    const stream = await open("stream-tool-calls");
    const deltas: { index: number; id?: string; name?: string; argumentsDelta: string }[] = [];
    const done: { id: string; function: { name: string; arguments: string } }[] = [];
    let chunks = 0;
    let final: ChatCompletion | undefined;
    stream
      .on("toolCallDelta", (d) => deltas.push(d))
      .on("toolCallDone", (call) => done.push(call))
      .on("chunk", () => chunks++)
      .on("done", (completion) => (final = completion));
    const completion = await stream.finalCompletion();
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: "call_weather_7Hq2Lm9Xv4",
      name: "get_weather",
    });
    const args0 = deltas
      .filter((d) => d.index === 0)
      .map((d) => d.argumentsDelta)
      .join("");
    expect(JSON.parse(args0)).toEqual({ city: "Lisbon", unit: "celsius" });
    expect(done.map((c) => c.function.name)).toEqual(["get_weather", "get_local_time"]);
    expect(JSON.parse(done[1]!.function.arguments)).toEqual({ timezone: "Europe/Lisbon" });
    expect(chunks).toBe(recordedEvents(fixture(`${OP}/stream-tool-calls`)).length);
    expect(final).toEqual(completion);
  });

  it("emits content and reasoning with the choice index, and comments", async () => {
    const stream = await open("stream-keepalive");
    const content: [string, number][] = [];
    const comments: string[] = [];
    stream
      .on("content", (text, index) => content.push([text, index]))
      .on("comment", (c) => comments.push(c));
    const text = await stream.finalText();
    expect(content.map(([t]) => t).join("")).toBe(text);
    expect(new Set(content.map(([, i]) => i))).toEqual(new Set([0]));
    expect(comments).toEqual(Array(4).fill("OPENROUTER PROCESSING"));
  });

  it("an error thrown by a listener reaches the caller as is, and stops the stream", async () => {
    const stream = await open("stream-text");
    const mistake = new RangeError("bug in my UI code");
    stream.on("content", () => {
      throw mistake;
    });
    await expect(stream.finalCompletion()).rejects.toBe(mistake);
  });

  it("emits error with the typed error, and off() unsubscribes", async () => {
    const stream = await open("stream-error-numeric-code");
    const errors: unknown[] = [];
    const ignored: unknown[] = [];
    const listener = (e: unknown) => ignored.push(e);
    stream
      .on("error", (e) => errors.push(e))
      .on("error", listener)
      .off("error", listener);
    const failure = await stream.finalCompletion().catch((e: unknown) => e);
    expect(errors).toEqual([failure]);
    expect(ignored).toEqual([]);
  });
});

describe("ChatStream cancellation", () => {
  it("breaking out of for await cancels the HTTP request", async () => {
    const stream = await streamChat(clientOf(endless), BODY);
    const connection = await endless.nextConnection();
    let seen = 0;
    for await (const _ of stream) if (++seen === 3) break;
    await connection.closed;
    expect(connection.isClosed()).toBe(true);
    expect(stream.aborted).toBe(true);
    await expect(stream.finalCompletion()).rejects.toBeInstanceOf(StreamStateError);
  });

  it("breaking out of textStream cancels the HTTP request too", async () => {
    const stream = await streamChat(clientOf(endless), BODY);
    const connection = await endless.nextConnection();
    for await (const text of stream.textStream) if (text.startsWith("t2")) break;
    await connection.closed;
    // Accumulation was on (textStream): finalCompletion() reports why it stopped.
    await expect(stream.finalCompletion()).rejects.toBeInstanceOf(AbortError);
  });

  it("abort() stops the iteration with AbortError and closes the connection", async () => {
    const stream = await streamChat(clientOf(endless), BODY, { accumulate: true });
    const connection = await endless.nextConnection();
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk);
        if (seen.length === 2) stream.abort("user pressed stop");
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe("user pressed stop");
    await connection.closed;
    expect(stream.aborted).toBe(true);
  });

  it("an AbortSignal aborts the stream and its request", async () => {
    const controller = new AbortController();
    const stream = await streamChat(clientOf(endless), BODY, { signal: controller.signal });
    const connection = await endless.nextConnection();
    const error = await (async () => {
      let seen = 0;
      for await (const _ of stream) if (++seen === 2) controller.abort(new Error("navigated away"));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(((error as AbortError).cause as Error).message).toBe("navigated away");
    await connection.closed;
  });

  it("abort() also holds back chunks already read in the same network read", async () => {
    const body = [chatChunkEvent("a") + chatChunkEvent("b") + chatChunkEvent("c", "stop")];
    const stream = ChatStream.fromReadableStream(streamOf(body));
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk);
        stream.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(AbortError);
  });

  it("cancelling the re-emitted ReadableStream cancels the HTTP request", async () => {
    const stream = await streamChat(clientOf(endless), BODY);
    const connection = await endless.nextConnection();
    const reader = stream.toReadableStream().getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel("browser tab closed");
    await connection.closed;
    expect(stream.aborted).toBe(true);
  });

  it("next() called again before the last one settled still hands out chunks in order", async () => {
    const stream = await open("stream-text");
    const iterator = stream[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 12 }, () => iterator.next()));
    const events = recordedEvents(fixture(`${OP}/stream-text`));
    expect(results.filter((r) => !r.done).map((r) => r.value)).toEqual(events);
    expect(results.slice(events.length).every((r) => r.done)).toBe(true);
  });

  it("stops at [DONE]: what follows is ignored and the connection is closed at once", async () => {
    const stream = await streamChat(clientOf(holdsAfterDone), BODY);
    const connection = await holdsAfterDone.nextConnection();
    const chunks = (await collect(stream)) as { choices: { delta: { content: string } }[] }[];
    expect(chunks.map((c) => c.choices[0]!.delta.content)).toEqual(["Done"]);
    // The server would hold the line for 2 s: the client closing it is what ends the wait.
    await connection.closed;
    expect(connection.isClosed()).toBe(true);
  });
});

describe("ChatStream re-emission", () => {
  const ROUND_TRIP = [
    "stream-text",
    "stream-tool-calls",
    "stream-reasoning",
    "stream-multi-choice",
    "stream-utf8",
  ];

  it.each(ROUND_TRIP)(
    "toReadableStream() → fromReadableStream() keeps every chunk of %s",
    async (name) => {
      const original = await open(name, { accumulate: true });
      const copy = ChatStream.fromReadableStream(original.toReadableStream(), { accumulate: true });
      expect(copy.generationId).toBeUndefined();
      const chunks = await collect(copy);
      expect(chunks).toEqual(recordedEvents(fixture(`${OP}/${name}`)));
      expect(await copy.finalCompletion()).toEqual(await original.finalCompletion());
    },
  );

  it("the copy rebuilds the same final completion, and keep-alive comments are forwarded", async () => {
    const original = await open("stream-keepalive", { accumulate: true });
    const comments: string[] = [];
    const copy = ChatStream.fromReadableStream(original.toReadableStream(), {
      onComment: (c) => comments.push(c),
    });
    expect(await copy.finalCompletion()).toEqual(await original.finalCompletion());
    expect(comments).toHaveLength(4);
  });

  it("a mid-stream error is re-raised on the far side as the same StreamError", async () => {
    const copy = ChatStream.fromReadableStream(
      (await open("stream-error-numeric-code")).toReadableStream(),
    );
    const error = (await collect(copy).catch((e: unknown) => e)) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.status).toBe(502);
    expect(error.message).toContain("invalid response");
  });

  it("a truncated stream stays truncated on the far side", async () => {
    const copy = ChatStream.fromReadableStream((await open("stream-truncated")).toReadableStream());
    await expect(collect(copy)).rejects.toMatchObject({ name: "StreamTruncatedError" });
  });

  it("serves a browser over HTTP: fromResponse() on the far side of a real server", async () => {
    const proxy = await startRawSseServer(async ({ res }) => {
      const upstream = await open("stream-tool-calls");
      const reader = upstream.toReadableStream().getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    });
    try {
      const response = await fetch(`${proxy.url}/relay`);
      const stream = ChatStream.fromResponse(response);
      expect(stream.generationId).toBe("gen-raw-0000");
      const completion = await stream.finalCompletion();
      expect(completion.choices[0]!.message.tool_calls?.map((c) => c.function.name)).toEqual([
        "get_weather",
        "get_local_time",
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("fromResponse() on an error answer raises the typed HTTP error, not a truncation", async () => {
    const response = await fetch(`${replay.server.url}/chat/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TEST_KEY}`,
        "content-type": "application/json",
        ...fixtureHeaders(`${OP}/error-402`),
      },
      body: JSON.stringify({ ...BODY, stream: true }),
    });
    expect(response.status).toBe(402);
    const error = await ChatStream.fromResponse(response)
      .finalCompletion()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect((error as PaymentRequiredError).status).toBe(402);
  });

  it("fromResponse() refuses a response without a body, or one already read", async () => {
    expect(() => ChatStream.fromResponse(new Response(null, { status: 204 }))).toThrow(
      StreamStateError,
    );
    const used = new Response("data: [DONE]\n\n");
    await used.text();
    expect(() => ChatStream.fromResponse(used)).toThrow(/already read/);
  });

  it("tee() gives two streams over the same chunks, each with its own final completion", async () => {
    const [a, b] = (await open("stream-reasoning")).tee();
    const [chunksA, chunksB] = await Promise.all([collect(a), collect(b)]);
    expect(chunksA).toEqual(chunksB);
    expect(chunksA).toEqual(recordedEvents(fixture(`${OP}/stream-reasoning`)));
    const [c, d] = (await open("stream-reasoning")).tee();
    expect(await c.finalCompletion()).toEqual(await d.finalCompletion());
    expect(c.generationId).toBe("gen-1767225840-Mv3jXa8TsQ1dGe6YkBnR");
  });

  it("tee(): breaking out of one branch leaves the other running", async () => {
    const [a, b] = (await streamChat(clientOf(endless), BODY)).tee();
    const connection = await endless.nextConnection();
    for await (const _ of a) break;
    let seen = 0;
    for await (const _ of b) if (++seen === 20) break;
    expect(seen).toBe(20);
    await connection.closed;
  });
});

describe("ChatStream tolerance", () => {
  it("passes unknown fields and unknown enum values through, into chunks and the completion", async () => {
    const chunk = {
      id: "gen-x",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      provider: "P",
      service_tier: "flex-2030",
      choices: [
        {
          index: 0,
          delta: { role: "assistant", content: "hi", audio: { id: "a1" } },
          finish_reason: "paused_for_thought",
          native_finish_reason: "PAUSE",
          moderation: { flagged: false },
        },
      ],
    };
    const stream = ChatStream.fromReadableStream(
      streamOf([`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`]),
      {
        accumulate: true,
      },
    );
    expect(await collect(stream)).toEqual([chunk]);
    const completion = (await stream.finalCompletion()) as ChatCompletion & Record<string, unknown>;
    expect(completion.service_tier).toBe("flex-2030");
    expect(completion.choices[0]).toMatchObject({
      finish_reason: "paused_for_thought",
      native_finish_reason: "PAUSE",
      moderation: { flagged: false },
      message: { role: "assistant", content: "hi", audio: { id: "a1" } },
    });
  });

  it("reads the recorded bytes of a fixture the same from memory as over HTTP", async () => {
    const f = fixture(`${OP}/stream-utf8`);
    expect(await collect(ChatStream.fromReadableStream(streamOf([recordedBytes(f)])))).toEqual(
      recordedEvents(f),
    );
  });
});
