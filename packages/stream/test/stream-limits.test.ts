import { createOpenRouter } from "@or/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  StreamIdleError,
  StreamTimeoutError,
  streamChat,
  type ChatCompletion,
  type ChatStream,
} from "../src/index.ts";
import {
  chatChunkEvent,
  pause,
  startRawSseServer,
  type RawSseServer,
} from "./support/raw-sse-server.ts";
import { TEST_KEY } from "./support/replay.ts";

const BODY = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };

/** Two chunks, then silence until the client leaves (at most 3 s). */
let goesQuiet: RawSseServer;
/** Keep-alive comments every 20 ms for 400 ms, then the answer. */
let keepsAlive: RawSseServer;
/** The same 400 ms of waiting, without comments. */
let silentThenAnswers: RawSseServer;
/** A chunk every 10 ms, for up to 3 s. */
let trickles: RawSseServer;

beforeAll(async () => {
  goesQuiet = await startRawSseServer(async ({ write, alive }) => {
    await write(chatChunkEvent("one ") + chatChunkEvent("two "));
    for (let i = 0; i < 300 && alive(); i++) await pause(10);
  });
  keepsAlive = await startRawSseServer(async ({ write }) => {
    for (let i = 0; i < 20; i++) {
      await write(": OPENROUTER PROCESSING\n\n");
      await pause(20);
    }
    await write(chatChunkEvent("answer", "stop") + "data: [DONE]\n\n");
  });
  silentThenAnswers = await startRawSseServer(async ({ write }) => {
    await pause(400);
    await write(chatChunkEvent("answer", "stop") + "data: [DONE]\n\n");
  });
  trickles = await startRawSseServer(async ({ write, alive }) => {
    for (let i = 0; i < 300 && alive(); i++) {
      await write(chatChunkEvent(`${i} `));
      await pause(10);
    }
  });
});
afterAll(() =>
  Promise.all([goesQuiet, keepsAlive, silentThenAnswers, trickles].map((s) => s.close())),
);

const clientOf = (server: RawSseServer) =>
  createOpenRouter({ baseUrl: server.url, apiKey: TEST_KEY, retry: false });

async function outcome(stream: ChatStream) {
  try {
    return { completion: await stream.finalCompletion() };
  } catch (error) {
    return { error };
  }
}

describe("idle and total limits", () => {
  it("idleTimeoutMs: StreamIdleError with the partial completion, and the request is aborted", async () => {
    const stream = await streamChat(clientOf(goesQuiet), BODY, { idleTimeoutMs: 150 });
    const connection = await goesQuiet.nextConnection();
    const { error } = await outcome(stream);
    expect(error).toBeInstanceOf(StreamIdleError);
    expect((error as StreamIdleError).message).toContain("150 ms");
    expect((error as StreamIdleError<ChatCompletion>).partial!.choices[0]!.message.content).toBe(
      "one two ",
    );
    await connection.closed;
    expect(connection.isClosed()).toBe(true);
  });

  it("keep-alive comments reset the idle timer (and are never chunks)", async () => {
    const comments: string[] = [];
    const stream = await streamChat(clientOf(keepsAlive), BODY, {
      idleTimeoutMs: 200,
      onComment: (c) => comments.push(c),
    });
    const { completion, error } = await outcome(stream);
    expect(error).toBeUndefined();
    expect(completion!.choices[0]!.message.content).toBe("answer");
    expect(comments).toHaveLength(20);
  });

  it("the same wait without comments trips the idle timer (control for the test above)", async () => {
    const stream = await streamChat(clientOf(silentThenAnswers), BODY, { idleTimeoutMs: 200 });
    expect((await outcome(stream)).error).toBeInstanceOf(StreamIdleError);
  });

  it("timeoutMs bounds the whole stream even while data flows: StreamTimeoutError", async () => {
    const stream = await streamChat(clientOf(trickles), BODY, {
      timeoutMs: 200,
      idleTimeoutMs: 1_000,
    });
    const connection = await trickles.nextConnection();
    const { error } = await outcome(stream);
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect((error as StreamTimeoutError).kind).toBe("timeout");
    expect(
      (error as StreamTimeoutError<ChatCompletion>).partial!.choices[0]!.message.content,
    ).toMatch(/^0 1 /);
    await connection.closed;
  });

  it("both limits are off by default: a 400 ms silence is waited out", async () => {
    const stream = await streamChat(clientOf(silentThenAnswers), BODY);
    expect(await stream.finalText()).toBe("answer");
  });

  it("a stream that ended is not aborted later by its timers", async () => {
    // The total limit leaves the ~400 ms stream room on a busy machine; the pause outlasts it.
    const stream = await streamChat(clientOf(keepsAlive), BODY, {
      timeoutMs: 1500,
      idleTimeoutMs: 300,
    });
    expect(await stream.finalText()).toBe("answer");
    await pause(1600);
    expect(stream.aborted).toBe(false);
  });
});
