import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOpenRouter, OpenRouterError, redactText, unwrap } from "../src/index.js";
import { sendJson, startLoopbackServer, type LoopbackServer } from "./support/loopback-server.js";
import { refusedClient } from "./support/closed-port.js";
import { MemoryLogger } from "./support/memory-logger.js";
import { TEST_KEY } from "./support/test-key.js";

// A server that echoes the Authorization header back, in every place an error can carry text.
let echo: LoopbackServer;
beforeAll(async () => {
  echo = await startLoopbackServer((request, res) => {
    const auth = request.headers.authorization ?? "";
    if (request.url.startsWith("/html/")) {
      res
        .writeHead(502, { "content-type": "text/html" })
        .end(`<html><body>bad gateway for ${auth}</body></html>`);
      return;
    }
    sendJson(
      res,
      401,
      {
        error: {
          code: 401,
          message: `Key ${auth.replace("Bearer ", "")} is disabled`,
          metadata: {
            raw: { request: { headers: { Authorization: auth } } },
            provider_name: "Echo",
          },
        },
      },
      { "x-echo": auth },
    );
  });
});
afterAll(() => echo.close());

/** Every way a key could leak out of a value. */
const renderings = (value: unknown) => [
  String(value),
  JSON.stringify(value) ?? "",
  inspect(value, { depth: 10, showHidden: true, getters: true }),
];

const clientWith = (logger: MemoryLogger, extra: Record<string, unknown> = {}) =>
  createOpenRouter({
    apiKey: TEST_KEY,
    baseUrl: echo.origin,
    logger,
    logLevel: "debug",
    retry: false,
    ...extra,
  });

describe("the key never leaks", () => {
  test("not from the client object", () => {
    for (const apiKey of [TEST_KEY, () => TEST_KEY]) {
      const client = createOpenRouter({ apiKey, baseUrl: echo.origin });
      for (const text of renderings(client)) expect(text).not.toContain("0".repeat(64));
    }
  });

  test("not from an error whose body echoes it (message, metadata, JSON, inspect)", async () => {
    const logger = new MemoryLogger();
    const error = await unwrap(clientWith(logger).GET("/credits")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as OpenRouterError).message).toBe(
      "401 Key sk-or-<redacted> is disabled (provider error from Echo: " +
        '{"request":{"headers":{"Authorization":"Bearer <redacted>"}}})',
    );
    for (const text of renderings(error)) expect(text).not.toContain(TEST_KEY);
    for (const text of renderings(error)) expect(text).not.toContain("0".repeat(64));
  });

  test("not from the `error` of a result", async () => {
    const { error } = await clientWith(new MemoryLogger()).GET("/credits");
    expect(error?.error.message).toBe("Key sk-or-<redacted> is disabled");
    expect(JSON.stringify(error)).not.toContain(TEST_KEY);
  });

  test("not from a non-JSON error page that echoes it", async () => {
    const client = clientWith(new MemoryLogger(), { throwOnError: true });
    const error = await client
      .GET("/credits", { baseUrl: `${echo.origin}/html` })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain("bad gateway for Bearer <redacted>");
    for (const text of renderings(error)) expect(text).not.toContain(TEST_KEY);
  });

  test("not from debug logs: Authorization and sk-or- values are redacted", async () => {
    const logger = new MemoryLogger();
    await clientWith(logger, {
      headers: { "x-debug-token": TEST_KEY, "x-api-key": "my-secret" },
    }).GET("/credits");
    const request = logger.lines.find((l) => l.level === "debug" && l.message.startsWith("GET "));
    expect(request?.message).toBe(`GET ${echo.origin}/credits`);
    expect(request?.data?.headers).toMatchObject({
      authorization: "<redacted>",
      "x-debug-token": "sk-or-<redacted>",
      "x-api-key": "<redacted>",
    });
    expect(logger.text).not.toContain(TEST_KEY);
    expect(logger.text).not.toContain("my-secret");
  });

  test("not from retry log lines or connection errors", async () => {
    const { client, logger } = await refusedClient();
    const error = await client.GET("/credits").catch((e: unknown) => e);
    expect(logger.retries).toHaveLength(2);
    expect(logger.text).not.toContain(TEST_KEY);
    for (const text of renderings(error)) expect(text).not.toContain(TEST_KEY);
  });

  test("a key that is not sk-or- shaped is still hidden in logs (by header name)", async () => {
    const logger = new MemoryLogger();
    await clientWith(logger, { apiKey: "oauth-token-value" }).GET("/credits");
    expect(logger.text).not.toContain("oauth-token-value");
  });
});

describe("log levels", () => {
  test("the default level (warn) logs nothing for a plain request; off logs nothing at all", async () => {
    const quiet = new MemoryLogger();
    await createOpenRouter({
      apiKey: TEST_KEY,
      baseUrl: echo.origin,
      logger: quiet,
      retry: false,
    }).GET("/credits");
    expect(quiet.lines).toEqual([]);
    const off = new MemoryLogger();
    await clientWith(off, { logLevel: "off" }).GET("/credits");
    expect(off.lines).toEqual([]);
  });

  test("info logs retries but not requests", async () => {
    const logger = new MemoryLogger();
    await clientWith(logger, {
      logLevel: "info",
      retry: { maxRetries: 1, statuses: [401], initialDelayMs: 1 },
    }).GET("/credits");
    expect(logger.lines.map((l) => l.level)).toEqual(["info"]);
    expect(logger.retries).toEqual([
      { retry: 1, delayMs: expect.any(Number), reason: "status 401", status: 401 },
    ]);
  });
});

describe("redactText", () => {
  test("replaces keys and bearer tokens, leaves the rest", () => {
    expect(redactText(`key=${TEST_KEY}; auth: Bearer abc.def, next`)).toBe(
      "key=sk-or-<redacted>; auth: Bearer <redacted>, next",
    );
    expect(redactText("nothing secret here")).toBe("nothing secret here");
  });
});
