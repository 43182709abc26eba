import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ConnectionError,
  createOpenRouter,
  OpenRouterError,
  redactText,
  type FetchFn,
} from "../src/index.js";
import { startLoopbackServer, type LoopbackServer } from "./support/loopback-server.js";
import { MemoryLogger } from "./support/memory-logger.js";
import { TEST_KEY } from "./support/test-key.js";

// Hostile or unlucky input (issue 13): keys that cannot be sent, keys echoed in other
// spellings, answers that are not the API's, options that make no sense.

const SECRET = "0".repeat(64);
/** The test key as a JSON string escapes it: every dash as `\u002d`. */
const ESCAPED_KEY = TEST_KEY.replaceAll("-", "\\u002d");

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((request, res) => {
    if (request.url.startsWith("/escaped")) {
      // Written by hand: the echo is JSON-escaped on the wire and only decoded by parsing.
      const text = `{"error":{"code":401,"message":"Key ${ESCAPED_KEY} is disabled","metadata":{"raw":"${ESCAPED_KEY}"}}}`;
      res.writeHead(401, { "content-type": "application/json" }).end(text);
    } else if (request.url.startsWith("/portal")) {
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(
          `<html><head><title>Hotel Wi-Fi login</title></head><body>Sign in, ${request.headers.authorization}</body></html>`,
        );
    } else if (request.url.startsWith("/lying")) {
      res.writeHead(200, { "content-type": "application/json" }).end("<html>not json</html>");
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    }
  });
});
afterAll(() => server.close());

const clientOf = (extra: Parameters<typeof createOpenRouter>[0] = {}) =>
  createOpenRouter({ apiKey: TEST_KEY, baseUrl: server.origin, retry: false, ...extra });

const renderings = (value: unknown) => [
  String(value),
  JSON.stringify(value) ?? "",
  inspect(value, { depth: 10, showHidden: true }),
];

describe("a key with a control character is refused at once", () => {
  for (const bad of [`${TEST_KEY}\n`, `sk-or-v1-${SECRET.slice(0, 32)}\r\nX-Evil: 1`, "a\u0000b"]) {
    test(`as an option: ${JSON.stringify(bad.slice(-6))}`, () => {
      const error = (() => {
        try {
          createOpenRouter({ apiKey: bad });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/^apiKey contains a control character/);
      for (const text of renderings(error)) expect(text).not.toContain(SECRET.slice(0, 16));
    });
  }

  test("from an apiKey function: a TypeError, nothing sent, never retried", async () => {
    const before = server.requests.length;
    const client = clientOf({ apiKey: () => `${TEST_KEY}\n`, retry: { initialDelayMs: 1 } });
    const error = await client.GET("/models").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/^The API key contains a control character/);
    for (const text of renderings(error)) expect(text).not.toContain(SECRET);
    expect(server.requests.length).toBe(before);
  });
});

describe("redaction knows the encodings", () => {
  test("a key echoed JSON-escaped is redacted in the result's error and the thrown one", async () => {
    const { error } = await clientOf().GET("/models", { baseUrl: `${server.origin}/escaped` });
    expect(error?.error.message).toBe("Key sk-or-<redacted> is disabled");
    expect(JSON.stringify(error)).not.toContain(SECRET);
    const thrown = await clientOf({ throwOnError: true })
      .GET("/models", { baseUrl: `${server.origin}/escaped` })
      .catch((e: unknown) => e);
    for (const text of renderings(thrown)) expect(text).not.toContain(SECRET);
  });

  test("redactText: escaped, percent-encoded and credential-named URL parameters", () => {
    expect(redactText(`k=${ESCAPED_KEY}.`)).toBe("k=sk-or-<redacted>.");
    expect(redactText(`/a/sk%2Dor%2Dv1%2D${SECRET}/b`)).toBe("/a/sk-or-<redacted>/b");
    expect(redactText("https://x.dev/p?api_key=abc123&q=1&token=t0k#f")).toBe(
      "https://x.dev/p?api_key=<redacted>&q=1&token=<redacted>#f",
    );
  });

  test("debug log lines never print a key in a query parameter", async () => {
    const logger = new MemoryLogger();
    const client = clientOf({ logger, logLevel: "debug" });
    const query = { key: TEST_KEY, access_token: "plain-secret", q: "visible" };
    await client.GET("/models", { params: { query: query as never } });
    expect(logger.text).toContain("q=visible");
    expect(logger.text).not.toContain(SECRET);
    expect(logger.text).not.toContain("plain-secret");
  });

  test("util.inspect of an error redacts its cause chain", async () => {
    const leaky: FetchFn = () =>
      Promise.reject(new Error("proxy said no", { cause: new Error(`for ${TEST_KEY}`) }));
    const error = await clientOf({ fetch: leaky })
      .GET("/models")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const shown = inspect(error, { depth: 10 });
    expect(shown).toContain("proxy said no");
    expect(shown).not.toContain(SECRET);
    // The cause is still the runtime's own error, for code that reads it.
    expect(((error as Error).cause as Error).message).toBe("proxy said no");
  });
});

describe("a success that is not JSON", () => {
  test("a captive portal's 200 page is an OpenRouterError saying what came", async () => {
    const error = await clientOf()
      .GET("/models", { baseUrl: `${server.origin}/portal` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenRouterError);
    const failure = error as OpenRouterError;
    expect(failure.status).toBe(200);
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("text/html; charset=utf-8");
    expect(failure.message).toContain("Hotel Wi-Fi login");
    expect(failure.metadata?.body).toContain("Sign in, Bearer <redacted>");
    for (const text of renderings(error)) expect(text).not.toContain(SECRET);
  });

  test("a body that says JSON but is not: an OpenRouterError with status and content type", async () => {
    const error = await clientOf()
      .GET("/models", { baseUrl: `${server.origin}/lying` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as OpenRouterError).status).toBe(200);
    expect((error as OpenRouterError).message).toContain("application/json");
  });
});

describe("numeric options are checked when the client is created", () => {
  const cases: [string, Parameters<typeof createOpenRouter>[0]][] = [
    ["timeoutMs", { timeoutMs: Number.NaN }],
    ["timeoutMs", { timeoutMs: -1 }],
    ["timeoutMs", { timeoutMs: Number.POSITIVE_INFINITY }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["retry.maxRetries", { retry: { maxRetries: -1 } }],
    ["retry.maxRetries", { retry: { maxRetries: 1.5 } }],
    ["retry.maxRetries", { retry: { maxRetries: Number.NaN } }],
    ["retry.initialDelayMs", { retry: { initialDelayMs: Number.NaN } }],
    ["retry.initialDelayMs", { retry: { initialDelayMs: -5 } }],
    ["retry.maxDelayMs", { retry: { maxDelayMs: Number.POSITIVE_INFINITY } }],
    ["retry.statuses[1]", { retry: { statuses: [503, 99] } }],
    ["retry.statuses[0]", { retry: { statuses: [Number.NaN] } }],
    ["retry.statuses", { retry: { statuses: "503" as never } }],
  ];
  test.each(cases)("%s: %o", (name, options) => {
    expect(() => createOpenRouter(options)).toThrow(TypeError);
    expect(() => createOpenRouter(options)).toThrow(
      new RegExp(`^${name.replace(/[.[\]]/g, "\\$&")} must be`),
    );
  });

  test("valid values pass", () => {
    expect(() =>
      createOpenRouter({
        timeoutMs: 1,
        retry: { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0, statuses: [429] },
      }),
    ).not.toThrow();
  });
});
