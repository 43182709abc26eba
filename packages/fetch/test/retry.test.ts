import { afterEach, describe, expect, test, vi } from "vitest";
import { ConnectionError, OpenRouterError, RETRYABLE_STATUSES, ServerError } from "../src/index.js";
import { refusedClient } from "./support/closed-port.js";
import { MemoryLogger } from "./support/memory-logger.js";
import { replayClient, useReplayServer } from "./support/replay.js";
import { CHAT_BODY, replayHeaders, TEST_KEY } from "./support/test-key.js";

const replay = useReplayServer();
const chat = { path: "/chat/completions" };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Requests that reached the network, as the client logged them (one debug line per attempt). */
const attemptsLogged = (logger: MemoryLogger) =>
  logger.lines.filter((l) => l.level === "debug" && l.message.startsWith("POST")).length;

describe("statuses that are retried", () => {
  test("the default list is 408, 409, 429, 500, 502, 503, 524, 529", () => {
    expect(RETRYABLE_STATUSES).toEqual([408, 409, 429, 500, 502, 503, 524, 529]);
  });

  test.each(RETRYABLE_STATUSES)(
    "%i, then success: one retry, the body re-sent intact",
    async (status) => {
      const { server } = replay;
      server.addFault({ fault: { type: "status-sequence", statuses: [status] }, match: chat });
      const { client, logger } = replayClient(server);
      const { data, error } = await client.POST("/chat/completions", { body: CHAT_BODY });
      expect(error).toBeUndefined();
      expect(data?.choices[0]?.message.content).toBe("Mercury, at about 88 Earth days.");
      expect(server.requests.map((r) => r.status)).toEqual([status, 200]);
      expect(server.requests.map((r) => r.body)).toEqual([CHAT_BODY, CHAT_BODY]);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        `Bearer ${TEST_KEY}`,
        `Bearer ${TEST_KEY}`,
      ]);
      expect(logger.retries.map((r) => r.status)).toEqual([status]);
    },
  );

  test("gives up after maxRetries (default 2) and returns the last answer", async () => {
    const { server } = replay;
    server.addFault({
      fault: { type: "status-sequence", statuses: [503, 502, 529, 503] },
      match: chat,
    });
    const { client, logger } = replayClient(server);
    const { data, error, response } = await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(data).toBeUndefined();
    expect(response.status).toBe(529);
    expect(error?.error.message).toBe("Provider is overloaded. Try again later.");
    expect(server.requests.map((r) => r.status)).toEqual([503, 502, 529]);
    expect(logger.retries.map((r) => r.retry)).toEqual([1, 2]);
  });

  test("maxRetries: 4 sends five times; retry: false sends once", async () => {
    const { server } = replay;
    const sequence = { type: "status-sequence" as const, statuses: [500, 500, 500, 500, 500, 500] };
    server.addFault({ fault: sequence, match: chat });
    const patient = replayClient(server, { retry: { maxRetries: 4, initialDelayMs: 1 } });
    const first = await patient.client.POST("/chat/completions", { body: CHAT_BODY });
    expect(first.response.status).toBe(500);
    expect(server.requests).toHaveLength(5);

    server.reset();
    server.addFault({ fault: sequence, match: chat });
    const { client, logger } = replayClient(server, { retry: false });
    const second = await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(second.response.status).toBe(500);
    expect(server.requests).toHaveLength(1);
    expect(logger.retries).toEqual([]);
  });

  test("`statuses` replaces the list", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [418, 503] }, match: chat });
    const { client } = replayClient(server, { retry: { statuses: [418], initialDelayMs: 1 } });
    const { response } = await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(server.requests.map((r) => r.status)).toEqual([418, 503]);
    expect(response.status).toBe(503);
  });
});

describe("statuses that are never retried", () => {
  test.each([400, 401, 402, 403, 404, 413, 422])(
    "%i is answered after one request",
    async (status) => {
      const { server } = replay;
      server.addFault({ fault: { type: "status-sequence", statuses: [status] }, match: chat });
      const { client, logger } = replayClient(server);
      const { error, response } = await client.POST("/chat/completions", { body: CHAT_BODY });
      expect(response.status).toBe(status);
      expect(error?.error.code).toBe(status);
      expect(server.requests).toHaveLength(1);
      expect(logger.retries).toEqual([]);
    },
  );

  test("a 402 with Retry-After (in-flight budget) is not retried, but says it may be retried later", async () => {
    const { server } = replay;
    const { client } = replayClient(server, { throwOnError: true });
    const failure = await client
      .POST("/chat/completions", {
        body: CHAT_BODY,
        headers: replayHeaders({ fixture: "sendChatCompletionRequest/error-402-in-flight" }),
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 402, retryable: true, kind: "payment_required" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("connection failures", () => {
  test("a reset before the headers is retried, and the retry succeeds", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "reset-before-headers" }, match: chat, times: 1 });
    const { client, logger } = replayClient(server);
    const { data } = await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(data?.id).toBe("gen-1755846123-Rk4QmV9xTz2LpW7sNa3b");
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((r) => r.body)).toEqual([CHAT_BODY, CHAT_BODY]);
    expect(logger.retries[0]?.reason).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+/);
  });

  test("resets on every attempt end in a ConnectionError after maxRetries", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "reset-before-headers" }, match: chat });
    const { client } = replayClient(server);
    const failure = await client
      .POST("/chat/completions", { body: CHAT_BODY })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ kind: "connection", retryable: true, status: undefined });
    expect(server.requests).toHaveLength(3);
  });

  test("a refused connection is retried, then reported", async () => {
    const { client, logger } = await refusedClient();
    const failure = await client.GET("/credits").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    // The socket's reason from undici's `cause`, with the address: not its bare "fetch failed".
    expect((failure as Error).message).toMatch(
      /^Could not reach http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    expect(logger.retries).toHaveLength(2);
  });

  test("never once the body has started: a reset mid-body is one request and a ConnectionError", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "reset-mid-stream", afterBytes: 40 }, match: chat });
    const { client, logger } = replayClient(server);
    const failure = await client
      .POST("/chat/completions", { body: CHAT_BODY })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ kind: "connection", retryable: false });
    const reason = (((failure as Error).cause as Error).cause as Error).message;
    expect(reason).not.toBe("");
    expect((failure as Error).message).toBe(
      `The connection broke while the response body was read: ${reason}`,
    );
    expect(server.requests).toHaveLength(1);
    expect(logger.retries).toEqual([]);
  });
});

describe("how long to wait", () => {
  test("Retry-After in seconds is waited exactly (fake timers)", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [429] }, match: chat });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { client, logger } = replayClient(server, { retry: {} });
    const pending = client.POST("/chat/completions", { body: CHAT_BODY });
    expect((await logger.retryAnnounced(1)).data).toMatchObject({ delayMs: 2000, status: 429 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(attemptsLogged(logger)).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const { data } = await pending;
    expect(data?.id).toBeTruthy();
    expect(attemptsLogged(logger)).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  test("Retry-After as an HTTP date is waited until that date (fake clock)", async () => {
    const { server } = replay;
    const now = Date.parse("2026-08-22T06:00:00.000Z");
    const retryAfter = new Date(now + 3000).toUTCString();
    server.addFault({
      fault: { type: "status-sequence", statuses: [503], retryAfter },
      match: chat,
    });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now });
    const { client, logger } = replayClient(server, { retry: {} });
    const pending = client.POST("/chat/completions", { body: CHAT_BODY });
    expect((await logger.retryAnnounced(1)).data).toMatchObject({ delayMs: 3000, status: 503 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(attemptsLogged(logger)).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  test("retry-after-ms wins over Retry-After", async () => {
    const { server } = replay;
    const fault = {
      type: "status-sequence" as const,
      statuses: [429],
      retryAfter: "9",
      retryAfterMs: 1500,
    };
    server.addFault({ fault, match: chat });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { client, logger } = replayClient(server, { retry: {} });
    const pending = client.POST("/chat/completions", { body: CHAT_BODY });
    expect((await logger.retryAnnounced(1)).data).toMatchObject({ delayMs: 1500 });
    await vi.advanceTimersByTimeAsync(1500);
    expect((await pending).response.status).toBe(200);
  });

  test("the server's wait is capped by maxDelayMs", async () => {
    const { server } = replay;
    const fault = { type: "status-sequence" as const, statuses: [429, 503], retryAfter: "60" };
    server.addFault({ fault, match: chat });
    const { client, logger } = replayClient(server, { retry: { maxDelayMs: 20 } });
    await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(logger.retries.map((r) => r.delayMs)).toEqual([20, 20]);
    expect(server.requests).toHaveLength(3);
  });

  test("a past HTTP date means no wait, not backoff", async () => {
    const { server } = replay;
    const fault = {
      type: "status-sequence" as const,
      statuses: [503],
      retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT",
    };
    server.addFault({ fault, match: chat });
    const { client, logger } = replayClient(server, {
      retry: { initialDelayMs: 40, maxDelayMs: 1000, random: () => 0.99 },
    });
    await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(logger.retries.map((r) => r.delayMs)).toEqual([0]);
  });

  test("without a server wait: exponential backoff with full jitter, capped", async () => {
    const { server } = replay;
    server.addFault({
      fault: { type: "status-sequence", statuses: [500, 500, 500, 500] },
      match: chat,
    });
    const random = vi.fn(() => 0.999);
    const { client, logger } = replayClient(server, {
      retry: { maxRetries: 4, initialDelayMs: 10, maxDelayMs: 50, random },
    });
    const { response } = await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(response.status).toBe(200);
    // floor(0.999 × min(50, 10 × 2^n)) for n = 0…3
    expect(logger.retries.map((r) => r.delayMs)).toEqual([9, 19, 39, 49]);
    expect(random).toHaveBeenCalledTimes(4);
    expect(server.requests).toHaveLength(5);
  });

  test("full jitter reaches zero", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [502, 502] }, match: chat });
    const { client, logger } = replayClient(server, {
      retry: { initialDelayMs: 10_000, random: () => 0 },
    });
    await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(logger.retries.map((r) => r.delayMs)).toEqual([0, 0]);
  });
});

describe("each attempt is a fresh request", () => {
  test("an apiKey function is asked again on each attempt", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [503] }, match: chat });
    const keys = [`sk-or-v1-${"0".repeat(63)}1`, `sk-or-v1-${"0".repeat(63)}2`];
    let calls = 0;
    const { client } = replayClient(server, { apiKey: async () => keys[calls++] });
    await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(
      keys.map((k) => `Bearer ${k}`),
    );
  });

  test("a failing apiKey function is the caller's error, not retried", async () => {
    const { server } = replay;
    const { client } = replayClient(server, {
      apiKey: () => Promise.reject(new Error("vault unavailable")),
    });
    await expect(client.GET("/credits")).rejects.toThrow("vault unavailable");
    expect(server.requests).toHaveLength(0);
  });

  test("a ServerError thrown after retries carries the last status", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [502, 502, 502] }, match: chat });
    const { client } = replayClient(server, { throwOnError: true });
    const failure = await client
      .POST("/chat/completions", { body: CHAT_BODY })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServerError);
    expect(failure).toBeInstanceOf(OpenRouterError);
    expect(server.requests).toHaveLength(3);
  });
});
