import type { Middleware } from "../src/index.js";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { AbortError, OpenRouterError, TimeoutError } from "../src/index.js";
import { eventually } from "./support/eventually.js";
import { replayClient, useReplayServer } from "./support/replay.js";
import { CHAT_BODY, replayHeaders } from "./support/test-key.js";

const replay = useReplayServer();
const chat = { path: "/chat/completions" };

/** A middleware whose promise resolves when response headers reach the client. */
function headersArrived(): { middleware: Middleware; arrived: Promise<Response> } {
  let resolve!: (response: Response) => void;
  const arrived = new Promise<Response>((r) => (resolve = r));
  return { middleware: { onResponse: ({ response }) => void resolve(response) }, arrived };
}

describe("AbortSignal, in every phase", () => {
  test("aborted before sending: nothing reaches the server", async () => {
    const { server } = replay;
    const { client } = replayClient(server);
    const controller = new AbortController();
    controller.abort();
    const failure = await client
      .GET("/credits", { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect(failure).toMatchObject({ kind: "abort", retryable: false });
    expect(server.requests).toHaveLength(0);
  });

  test("aborted while waiting for headers: one request, no retry, the reason kept as cause", async () => {
    const { server } = replay;
    const { client, logger } = replayClient(server);
    const controller = new AbortController();
    const pending = client
      .POST("/chat/completions", {
        body: CHAT_BODY,
        signal: controller.signal,
        headers: replayHeaders({ fault: { type: "delay-headers", ms: 20_000 } }),
      })
      .catch((e: unknown) => e);
    await eventually(() => server.requests.length === 1, "the request reached the server");
    const reason = new Error("the user closed the tab");
    controller.abort(reason);
    const failure = await pending;
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
    expect(logger.retries).toEqual([]);
  });

  test("aborted during a backoff wait: the wait ends at once, no further request", async () => {
    const { server } = replay;
    const fault = { type: "status-sequence" as const, statuses: [503], retryAfterMs: 60_000 };
    server.addFault({ fault, match: chat });
    const { client, logger } = replayClient(server, { retry: { maxDelayMs: 60_000 } });
    const controller = new AbortController();
    const pending = client
      .POST("/chat/completions", { body: CHAT_BODY, signal: controller.signal })
      .catch((e: unknown) => e);
    expect((await logger.retryAnnounced(1)).data).toMatchObject({ delayMs: 60_000 });
    controller.abort();
    const failure = await pending;
    expect(failure).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  test("aborted while the body is read: AbortError, not a runtime DOMException", async () => {
    const { server } = replay;
    const { client } = replayClient(server);
    const { middleware, arrived } = headersArrived();
    client.use(middleware);
    const controller = new AbortController();
    const pending = client
      .POST("/chat/completions", {
        body: CHAT_BODY,
        signal: controller.signal,
        headers: replayHeaders({ fault: { type: "stall", afterBytes: 30 } }),
      })
      .catch((e: unknown) => e);
    expect((await arrived).status).toBe(200);
    controller.abort();
    const failure = await pending;
    expect(failure).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  test("aborting after the answer changes nothing", async () => {
    const { server } = replay;
    const { client } = replayClient(server);
    const controller = new AbortController();
    const { data } = await client.GET("/credits", { signal: controller.signal });
    controller.abort();
    expect(data?.data).toBeDefined();
  });
});

describe("timeoutMs", () => {
  // The client's timers run on a fake clock; the replay server's delays are real and far longer
  // than any test takes, so a limit passes exactly when the test advances the clock, however
  // slow the machine.
  const FOREVER = 3_600_000;
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));
  afterEach(() => vi.useRealTimers());

  /** A middleware that moves the fake clock by `ms` the moment headers reach the client. */
  const advanceOnHeaders = (ms: number): Middleware => ({
    onResponse: () => void vi.advanceTimersByTime(ms),
  });

  test("bounds the wait for headers: TimeoutError, retryable, one request without retries", async () => {
    const { server } = replay;
    const { client } = replayClient(server, { timeoutMs: 500, retry: false });
    const pending = client
      .GET("/credits", {
        headers: replayHeaders({ fault: { type: "delay-headers", ms: FOREVER } }),
      })
      .catch((e: unknown) => e);
    await eventually(() => server.requests.length === 1, "the request reached the server");
    await vi.advanceTimersByTimeAsync(500);
    const failure = await pending;
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failure).toBeInstanceOf(OpenRouterError);
    expect(failure).toMatchObject({ kind: "timeout", retryable: true, status: undefined });
    expect((failure as Error).message).toBe("No response headers within 500 ms.");
    expect(server.requests).toHaveLength(1);
  });

  test("applies per attempt: a slow first attempt times out, the retry succeeds", async () => {
    const { server } = replay;
    server.addFault({
      fault: { type: "delay-headers", ms: FOREVER },
      match: { path: "/credits" },
      times: 1,
    });
    const { client, logger } = replayClient(server, { timeoutMs: 500 });
    const pending = client.GET("/credits");
    await eventually(() => server.requests.length === 1, "the first attempt reached the server");
    await vi.advanceTimersByTimeAsync(500);
    await logger.retryAnnounced(1);
    // The backoff (at most 5 ms here); the retry's own 500 ms never pass.
    await vi.advanceTimersByTimeAsync(5);
    const { data } = await pending;
    expect(data?.data).toBeDefined();
    expect(server.requests).toHaveLength(2);
    expect(logger.retries[0]?.reason).toBe("No response headers within 500 ms.");
  });

  test("every attempt timing out ends in a TimeoutError after maxRetries", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "delay-headers", ms: FOREVER }, match: { path: "/credits" } });
    const { client, logger } = replayClient(server, {
      timeoutMs: 300,
      retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
    });
    const pending = client.GET("/credits").catch((e: unknown) => e);
    await eventually(() => server.requests.length === 1, "the first attempt reached the server");
    await vi.advanceTimersByTimeAsync(300);
    await logger.retryAnnounced(1);
    await vi.advanceTimersByTimeAsync(1);
    await eventually(() => server.requests.length === 2, "the retry reached the server");
    await vi.advanceTimersByTimeAsync(300);
    expect(await pending).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  test("never cuts a body that is slower than the timeout", async () => {
    const { server } = replay;
    const { client } = replayClient(server, { timeoutMs: 500 });
    // Ten times the limit passes between the headers and the body.
    client.use(advanceOnHeaders(5_000));
    const { data } = await client.POST("/chat/completions", {
      body: CHAT_BODY,
      headers: replayHeaders({ fault: { type: "stall", afterBytes: 30, ms: 50 } }),
    });
    expect(data?.choices[0]?.message.content).toBe("Mercury, at about 88 Earth days.");
  });

  test("never cuts a long stream", async () => {
    const { server } = replay;
    const { client } = replayClient(server, { timeoutMs: 500 });
    client.use(advanceOnHeaders(5_000));
    const { data } = await client.POST("/chat/completions", {
      body: { ...CHAT_BODY, stream: true },
      parseAs: "stream",
      headers: replayHeaders({
        fixture: "sendChatCompletionRequest/stream-text",
        fault: { type: "stall", afterItems: 1, ms: 50 },
      }),
    });
    const text = await new Response(data as ReadableStream).text();
    expect(text).toContain("data: [DONE]");
    expect(text.split("\n\n").filter((e) => e.startsWith("data: {")).length).toBeGreaterThan(2);
  });
});
