import { createOpenRouter } from "@or/fetch";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  StreamIdleError,
  StreamTimeoutError,
  streamChat,
  type ChatCompletion,
  type ChatStream,
} from "../src/index.ts";
import {
  chatChunkEvent,
  startDrivenSseServer,
  type DrivenAnswer,
} from "./support/raw-sse-server.ts";
import { TEST_KEY } from "./support/replay.ts";

const BODY = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };
const DONE = chatChunkEvent("answer", "stop") + "data: [DONE]\n\n";

// The limits run on a fake clock and the server is written by the test, step by step: no
// assertion depends on how fast the machine is. Only the stream's timers are faked (and the
// clock they read); I/O and setImmediate stay real.
let server: Awaited<ReturnType<typeof startDrivenSseServer>>;
beforeEach(async () => {
  server = await startDrivenSseServer();
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(async () => {
  vi.useRealTimers();
  await server.close();
});

/** Opens a stream on the test's server; resolves once the test holds its answer. */
async function open(options: Parameters<typeof streamChat>[2]) {
  const client = createOpenRouter({ baseUrl: server.url, apiKey: TEST_KEY, retry: false });
  const [stream, answer] = await Promise.all([
    streamChat(client, BODY, options),
    server.nextAnswer(),
  ]);
  return { stream, answer };
}

/** Consumes the stream; `settled()` tells whether it has ended yet. */
function consume(stream: ChatStream) {
  let done = false;
  const result = stream.finalCompletion().then(
    (completion) => ({ completion, error: undefined }),
    (error: unknown) => ({ completion: undefined, error }),
  );
  void result.finally(() => (done = true));
  return { result, settled: () => done };
}

type Consumed = ReturnType<typeof consume>;

/**
 * Resolves once `count()` reaches `n` (the client has read what was written), or the stream
 * ended early (the test's next assertion then fails instead of waiting for ever).
 */
async function arrived(consumed: Consumed, count: () => number, n: number): Promise<void> {
  while (count() < n && !consumed.settled()) await new Promise((resolve) => setImmediate(resolve));
}

/** Lets the stream start its read (and its timers): a turn of the event loop. */
const started = () => new Promise((resolve) => setImmediate(resolve));

/** Writes `text` plus a marker comment and waits until the client has read both. */
async function step(
  consumed: Consumed,
  answer: DrivenAnswer,
  comments: string[],
  text: string,
): Promise<void> {
  const n = comments.length + 1;
  await answer.write(text + ": step\n\n");
  await arrived(consumed, () => comments.length, n);
}

describe("idle and total limits", () => {
  it("idleTimeoutMs: StreamIdleError with the partial completion, and the request is aborted", async () => {
    const comments: string[] = [];
    const { stream, answer } = await open({
      idleTimeoutMs: 150,
      onComment: (c) => comments.push(c),
    });
    const consumed = consume(stream);
    // Two chunks arrive, then the server stays silent for good.
    await step(consumed, answer, comments, chatChunkEvent("one ") + chatChunkEvent("two "));
    await vi.advanceTimersByTimeAsync(149);
    expect(consumed.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await consumed.result;
    expect(error).toBeInstanceOf(StreamIdleError);
    expect((error as StreamIdleError).message).toContain("150 ms");
    expect((error as StreamIdleError<ChatCompletion>).partial!.choices[0]!.message.content).toBe(
      "one two ",
    );
    await answer.connection.closed;
    expect(answer.connection.isClosed()).toBe(true);
  });

  it("keep-alive comments reset the idle timer (and are never chunks)", async () => {
    const comments: string[] = [];
    const { stream, answer } = await open({
      idleTimeoutMs: 200,
      onComment: (c) => comments.push(c),
    });
    const consumed = consume(stream);
    await started();
    // 20 comments 199 ms apart: 3.98 s in all, each gap under the 200 ms limit.
    for (let i = 1; i <= 20; i++) {
      await answer.write(": OPENROUTER PROCESSING\n\n");
      await arrived(consumed, () => comments.length, i);
      await vi.advanceTimersByTimeAsync(199);
    }
    expect(consumed.settled()).toBe(false);
    await answer.write(DONE);
    answer.end();
    const { completion, error } = await consumed.result;
    expect(error).toBeUndefined();
    expect(completion!.choices[0]!.message.content).toBe("answer");
    expect(comments).toEqual(Array(20).fill("OPENROUTER PROCESSING"));
  });

  it("the same wait without comments trips the idle timer (control for the test above)", async () => {
    const { stream, answer } = await open({ idleTimeoutMs: 200 });
    const consumed = consume(stream);
    await started();
    await vi.advanceTimersByTimeAsync(199);
    expect(consumed.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await consumed.result).error).toBeInstanceOf(StreamIdleError);
    await answer.connection.closed;
  });

  it("timeoutMs bounds the whole stream even while data flows: StreamTimeoutError", async () => {
    const comments: string[] = [];
    const { stream, answer } = await open({
      timeoutMs: 200,
      idleTimeoutMs: 1_000,
      onComment: (c) => comments.push(c),
    });
    const consumed = consume(stream);
    // A chunk every 50 ms: the idle limit never comes near, the total one passes at 200 ms.
    for (let i = 0; i < 4; i++) {
      await step(consumed, answer, comments, chatChunkEvent(`${i} `));
      await vi.advanceTimersByTimeAsync(50);
    }
    const { error } = await consumed.result;
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect((error as StreamTimeoutError).kind).toBe("timeout");
    expect((error as StreamTimeoutError<ChatCompletion>).partial!.choices[0]!.message.content).toBe(
      "0 1 2 3 ",
    );
    await answer.connection.closed;
  });

  it("both limits are off by default: a long silence is waited out", async () => {
    const { stream, answer } = await open({});
    const text = stream.finalText();
    await started();
    await vi.advanceTimersByTimeAsync(3_600_000);
    await answer.write(DONE);
    answer.end();
    expect(await text).toBe("answer");
  });

  it("a stream that ended is not aborted later by its timers", async () => {
    const { stream, answer } = await open({ timeoutMs: 1500, idleTimeoutMs: 300 });
    const text = stream.finalText();
    await answer.write(": OPENROUTER PROCESSING\n\n" + DONE);
    answer.end();
    expect(await text).toBe("answer");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stream.aborted).toBe(false);
  });
});
