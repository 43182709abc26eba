/**
 * Differential test: our client (its own core since it left openapi-fetch's runtime) against
 * openapi-fetch 0.17.0 itself. Each case sends the same call through both to one node:http
 * server on 127.0.0.1 and compares what reached the wire (method, path and query as sent,
 * headers case-insensitively, body bytes) and the `{ data, error }` each returned.
 *
 * Intended differences are asserted on their own, so they are documented, never compared:
 * our `authorization` from `apiKey`, attribution headers from options, redirects followed by
 * hand, and the API's error shape built for error answers that are not the API's JSON.
 */
import type { paths } from "@or/types";
import fc from "fast-check";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  ConnectionError,
  createOpenRouter,
  type Middleware,
  type OpenRouterOptions,
} from "../src/index.js";
import { capture, loose, type LooseClient, type LooseResult } from "./support/client-parity.js";
import {
  jsonAnswer,
  startRecordingServer,
  type RecordingServer,
} from "./support/recording-server.js";
import { TEST_KEY } from "./support/test-key.js";

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterEach(() => {
  server.answer = () => jsonAnswer(200, { ok: true });
});
afterAll(() => server.close());

const DEFAULTS = { "X-Client-Default": "from-client", "x-shared": "default" };
// No key at all (not even OPENROUTER_API_KEY from the environment), so the wire is comparable.
const NO_KEY = () => undefined;

const ours = (options: OpenRouterOptions = {}) =>
  createOpenRouter({
    baseUrl: server.origin,
    apiKey: NO_KEY,
    retry: false,
    headers: DEFAULTS,
    ...options,
  });
const theirs = (options: Parameters<typeof createClient>[0] = {}) =>
  createClient<paths>({ baseUrl: server.origin, headers: DEFAULTS, ...options });

/** Sends `call` through a fresh client of each kind. */
async function sendBoth(
  call: (client: LooseClient) => Promise<LooseResult>,
  make: { ours?: () => unknown; theirs?: () => unknown } = {},
) {
  const o = loose((make.ours ?? ours)());
  const t = loose((make.theirs ?? theirs)());
  return {
    ours: await capture(server, () => call(o)),
    theirs: await capture(server, () => call(t)),
  };
}

/** Asserts both sent the same requests and returned the same result (or both threw). */
async function expectSame(call: (client: LooseClient) => Promise<LooseResult>) {
  const both = await sendBoth(call);
  expect(both.ours.wire).toEqual(both.theirs.wire);
  expect(both.ours.outcome).toEqual(both.theirs.outcome);
  return both;
}

const sentUrl = (side: { requests: { url: string }[] }) => side.requests.map((r) => r.url);

// Generators. Reserved characters of RFC 3986 and others that need encoding, unicode from the
// BMP and beyond; only whole graphemes (a lone surrogate cannot be percent-encoded by anyone).
const RESERVED = [..."!#$&'()*+,/:;=?@[]", ...' "%<>\\^`{|}~'];
const UNICODE = ["é", "ß", "中", "🚀", "👩‍💻", "\u00a0", "\u200b"];
const char = fc.oneof(
  fc.constantFrom(...RESERVED),
  fc.constantFrom(...UNICODE),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit: char, maxLength: 12 });
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean());
const paramName = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);

describe("path params", () => {
  const pathValue = fc.oneof(scalar, fc.constant(null), fc.constant(undefined));

  test("property: any values, some missing, give the same URL and result (200 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ a: pathValue, b: pathValue }, { requiredKeys: [] }),
        async (path) => {
          await expectSame((c) => c.GET("/p/{a}/x/{b}", { params: { path } }));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("reserved and unicode characters are percent-encoded, numbers and booleans as text", async () => {
    const both = await expectSame((c) =>
      c.GET("/p/{a}/{b}/{c}/{d}", {
        params: { path: { a: "a/b?c#d e", b: "é🚀", c: 42, d: false } },
      }),
    );
    expect(sentUrl(both.ours)).toEqual(["/p/a%2Fb%3Fc%23d%20e/%C3%A9%F0%9F%9A%80/42/false"]);
  });

  test("a missing or null path param stays `{name}` (sent percent-encoded) in both", async () => {
    const both = await expectSame((c) => c.GET("/p/{a}/{b}", { params: { path: { b: null } } }));
    expect(sentUrl(both.ours)).toEqual(["/p/%7Ba%7D/%7Bb%7D"]);
  });

  test.each([
    ["a path param", { path: { a: "x\ud800" } }],
    ["a query param", { query: { q: "x\udc00" } }],
  ])(
    "a lone surrogate in %s rejects in both (encodeURIComponent's URIError)",
    async (_, params) => {
      const both = await sendBoth((c) => c.GET("/p/{a}", { params }));
      expect(both.ours.thrown).toBeInstanceOf(URIError);
      expect(both.theirs.thrown).toBeInstanceOf(URIError);
      expect([...both.ours.requests, ...both.theirs.requests]).toEqual([]);
    },
  );

  test("typed: GET /models/{author}/{slug}/endpoints", async () => {
    const params = { path: { author: "open ai", slug: "gpt-4o:free" } };
    const o = await capture(server, () =>
      ours().GET("/models/{author}/{slug}/endpoints", { params }),
    );
    const t = await capture(server, () =>
      theirs().GET("/models/{author}/{slug}/endpoints", { params }),
    );
    expect(o.wire).toEqual(t.wire);
    expect(sentUrl(o)).toEqual(["/models/open%20ai/gpt-4o%3Afree/endpoints"]);
  });
});

describe("query", () => {
  // openapi-fetch leaves an empty segment for a null inside an array or object, and for an
  // empty object (`a=1&&a=2`, `?&b=1`): so items here are never null and objects never empty;
  // that case is documented below.
  const queryValue = fc.oneof(
    { weight: 4, arbitrary: scalar },
    fc.constant(null),
    fc.constant(undefined),
    fc.array(scalar, { maxLength: 3 }),
    fc.dictionary(paramName, scalar, { minKeys: 1, maxKeys: 3 }),
  );
  const query = fc.dictionary(paramName, queryValue, { maxKeys: 5 });

  test("property: strings, numbers, booleans, nulls, arrays, objects, allowReserved (300 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (q, allowReserved) => {
        await expectSame((c) =>
          c.GET("/q", {
            params: { query: q },
            ...(allowReserved && { querySerializer: { allowReserved } }),
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  test("typed: GET /models with a query", async () => {
    const params = {
      query: { q: "a&b=c d/é", limit: 5, offset: null, category: "marketing/seo" as const },
    };
    const o = await capture(server, () => ours().GET("/models", { params }));
    const t = await capture(server, () => theirs().GET("/models", { params }));
    expect(o.wire).toEqual(t.wire);
    expect(sentUrl(o)).toEqual([
      "/models?q=a%26b%3Dc%20d%2F%C3%A9&limit=5&category=marketing%2Fseo",
    ]);
  });

  test("booleans, null/undefined skipped, arrays repeated, objects as deepObject, empty arrays skipped", async () => {
    const both = await expectSame((c) =>
      c.GET("/q", {
        params: {
          query: {
            on: true,
            off: false,
            gone: null,
            unset: undefined,
            tag: ["a", "b,c", 3],
            none: [],
            filter: { a: "x y", b: 2 },
          },
        },
      }),
    );
    expect(sentUrl(both.ours)).toEqual([
      "/q?on=true&off=false&tag=a&tag=b%2Cc&tag=3&filter[a]=x%20y&filter[b]=2",
    ]);
  });

  test("param names are sent as given (the URL parser encodes what it must)", async () => {
    const both = await expectSame((c) =>
      c.GET("/q", { params: { query: { "a b": 1, "é[x]": ["y"], "o&": { "k=": "v" } } } }),
    );
    expect(sentUrl(both.ours)).toEqual(["/q?a%20b=1&%C3%A9[x]=y&o&[k=]=v"]);
  });

  test("allowReserved: true sends reserved characters unencoded", async () => {
    const both = await expectSame((c) =>
      c.GET("/q", {
        params: { query: { path: "a/b:c@d", list: ["x,y"] } },
        querySerializer: { allowReserved: true },
      }),
    );
    expect(sentUrl(both.ours)).toEqual(["/q?path=a/b:c@d&list=x,y"]);
  });

  test("a custom querySerializer gets the query and its leading `?` is dropped", async () => {
    const seen: unknown[][] = [[], []];
    let side = 0;
    const query = { a: 1, b: ["x"] };
    const both = await expectSame((c) =>
      c.GET("/q", {
        params: { query },
        querySerializer: (q: unknown) => {
          seen[side++]?.push(q);
          return "?custom=1&b=x";
        },
      }),
    );
    expect(seen).toEqual([[query], [query]]);
    expect(sentUrl(both.ours)).toEqual(["/q?custom=1&b=x"]);
  });

  test.each(["", "?"])("a custom querySerializer returning %j adds no `?`", async (search) => {
    const both = await expectSame((c) => c.GET("/q", { querySerializer: () => search }));
    expect(sentUrl(both.ours)).toEqual(["/q"]);
  });

  test.each([
    ["an object in an object", { a: { b: { c: 1 } } }],
    ["an array in an array", { a: [[1]] }],
    ["an object in an array", { a: [{ b: 1 }] }],
  ])("%s: both reject before sending; ours with a TypeError", async (_, q) => {
    const both = await sendBoth((c) => c.GET("/q", { params: { query: q } }));
    expect(both.ours.outcome).toEqual({ rejected: true });
    expect(both.theirs.outcome).toEqual({ rejected: true });
    expect(both.ours.requests).toEqual([]);
    expect(both.theirs.requests).toEqual([]);
    expect(both.ours.thrown).toBeInstanceOf(TypeError);
    expect(String(both.ours.thrown)).toMatch(/querySerializer/);
  });

  test("documented: openapi-fetch leaves empty segments for nulls in arrays and objects and for empty objects; ours does not", async () => {
    const both = await sendBoth((c) =>
      c.GET("/q", {
        params: { query: { e: {}, a: [1, null, 2], o: { x: null, y: 1 }, z: 0 } },
      }),
    );
    expect(sentUrl(both.ours)).toEqual(["/q?a=1&a=2&o[y]=1&z=0"]);
    expect(sentUrl(both.theirs)).toEqual(["/q?&a=1&&a=2&&o[y]=1&z=0"]);
    // The same parameters once parsed.
    const parsed = (url: string) => [...new URL(url, server.origin).searchParams];
    expect(parsed(sentUrl(both.ours)[0]!)).toEqual(parsed(sentUrl(both.theirs)[0]!));
  });
});

describe("headers", () => {
  const NAMES = ["X-Client-Default", "x-client-default", "X-SHARED", "x-call", "X-Call", "accept"];
  // Visible ASCII with inner spaces and tabs. Outer whitespace is trimmed per value by
  // openapi-fetch but only per header line by ours, which differs once values are joined
  // (see DIFFERENCES); a lone padded value is a case below.
  const headerText = fc
    .string({
      unit: fc.oneof(
        fc.constantFrom(" ", "\t"),
        fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
      ),
      maxLength: 8,
    })
    .map((value) => value.trim());
  const headerValue = fc.oneof(
    { weight: 4, arbitrary: headerText },
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(headerText, { maxLength: 3 }),
  );
  const headerRecord = fc.dictionary(fc.constantFrom(...NAMES), headerValue, { maxKeys: 4 });

  test("property: defaults + per-call headers + params.header, null/arrays/numbers/case (200 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(headerRecord, headerRecord, async (headers, header) => {
        await expectSame((c) => c.GET("/h", { headers, params: { header } }));
      }),
      { numRuns: 200 },
    );
  });

  test("null removes a default, arrays append, numbers and booleans as text, case-insensitive override", async () => {
    const both = await expectSame((c) =>
      c.GET("/h", {
        headers: { "x-client-default": null, "X-SHARED": "call", "X-List": ["a", "b"], "X-N": 5 },
        params: { header: { "x-shared": "param", "X-Flag": true, "x-list": ["c"] } },
      }),
    );
    const sent = Object.fromEntries(both.ours.requests[0]!.headers);
    expect(sent).not.toHaveProperty("x-client-default");
    expect(sent).toMatchObject({
      "x-shared": "param",
      "x-list": "a, b, c",
      "x-n": "5",
      "x-flag": "true",
    });
  });

  test("a value with outer whitespace is sent trimmed by both", async () => {
    const both = await expectSame((c) =>
      c.GET("/h", {
        headers: { "X-Pad": " \tpadded value\t " },
        params: { header: { "X-Empty": "  " } },
      }),
    );
    expect(Object.fromEntries(both.ours.requests[0]!.headers)).toMatchObject({
      "x-pad": "padded value",
      "x-empty": "",
    });
  });

  test("a Headers instance as per-call headers", async () => {
    const both = await expectSame((c) =>
      c.GET("/h", { headers: new Headers({ "X-Shared": "from-headers", "X-Extra": "1" }) }),
    );
    expect(Object.fromEntries(both.ours.requests[0]!.headers)).toMatchObject({
      "x-shared": "from-headers",
      "x-extra": "1",
      "x-client-default": "from-client",
    });
  });

  test("typed: params.header of /models/{author}/{slug}/endpoints", async () => {
    const params = {
      path: { author: "a", slug: "b" },
      header: { "X-OpenRouter-Title": "Param title" },
    };
    const o = await capture(server, () =>
      ours().GET("/models/{author}/{slug}/endpoints", { params }),
    );
    const t = await capture(server, () =>
      theirs().GET("/models/{author}/{slug}/endpoints", { params }),
    );
    expect(o.wire).toEqual(t.wire);
    expect(Object.fromEntries(o.requests[0]!.headers)["x-openrouter-title"]).toBe("Param title");
  });

  test("intended: ours adds `authorization: Bearer <key>` when a key is set, nothing else differs", async () => {
    const both = await sendBoth((c) => c.GET("/h"), { ours: () => ours({ apiKey: TEST_KEY }) });
    expect(Object.fromEntries(both.ours.requests[0]!.headers).authorization).toBe(
      `Bearer ${TEST_KEY}`,
    );
    expect(Object.fromEntries(both.theirs.requests[0]!.headers)).not.toHaveProperty(
      "authorization",
    );
    const withoutAuth = both.ours.wire.map((w) => ({
      ...w,
      headers: w.headers.filter(([name]) => name !== "authorization"),
    }));
    expect(withoutAuth).toEqual(both.theirs.wire);
  });

  test("intended: a caller's own authorization header is kept by ours, as openapi-fetch sends it", async () => {
    const both = await sendBoth((c) => c.GET("/h", { headers: { Authorization: "Bearer mine" } }), {
      ours: () => ours({ apiKey: TEST_KEY }),
    });
    expect(both.ours.wire).toEqual(both.theirs.wire);
  });

  test("intended: attribution options become the headers openapi-fetch sends when given them", async () => {
    const attribution = {
      "HTTP-Referer": "https://app.example",
      "X-OpenRouter-Title": "My app",
      "X-OpenRouter-Categories": "cli-agent,coding",
    };
    const both = await sendBoth((c) => c.GET("/h"), {
      ours: () =>
        ours({
          appUrl: "https://app.example",
          appTitle: "My app",
          appCategories: ["cli-agent", "coding"],
        }),
      theirs: () => theirs({ headers: { ...DEFAULTS, ...attribution } }),
    });
    expect(both.ours.wire).toEqual(both.theirs.wire);
    expect(Object.fromEntries(both.ours.requests[0]!.headers)).toMatchObject({
      "http-referer": "https://app.example",
      "x-openrouter-title": "My app",
      "x-openrouter-categories": "cli-agent,coding",
    });
  });

  test("documented: headers as `[name, value]` pairs are sent as pairs by ours; openapi-fetch sends them under index names", async () => {
    const both = await sendBoth((c) => c.GET("/h", { headers: [["X-Pair", "1"]] }));
    expect(Object.fromEntries(both.ours.requests[0]!.headers)["x-pair"]).toBe("1");
    const theirsSent = Object.fromEntries(both.theirs.requests[0]!.headers);
    expect(theirsSent).not.toHaveProperty("x-pair");
    expect(theirsSent["0"]).toBe("X-Pair, 1");
  });
});

describe("bodies", () => {
  test("property: any JSON body is sent as the same bytes with the same headers (150 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.constantFrom("POST", "PUT", "PATCH"), async (body, m) => {
        const method = m as "POST" | "PUT" | "PATCH";
        await expectSame((c) => c[method]("/b", { body }));
      }),
      { numRuns: 150 },
    );
  });

  test("typed: POST /chat/completions with a JSON object", async () => {
    const body = {
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user" as const, content: "Name a prime number. ✓" }],
    };
    const o = await capture(server, () => ours().POST("/chat/completions", { body }));
    const t = await capture(server, () => theirs().POST("/chat/completions", { body }));
    expect(o.wire).toEqual(t.wire);
    expect(o.wire[0]!.body).toBe(JSON.stringify(body));
    expect(Object.fromEntries(o.requests[0]!.headers)["content-type"]).toBe("application/json");
  });

  test("a string body is JSON-encoded", async () => {
    const both = await expectSame((c) => c.POST("/b", { body: 'say "hi"' }));
    expect(both.ours.wire[0]!.body).toBe('"say \\"hi\\""');
  });

  test("FormData is sent as multipart with the same parts and no JSON content type", async () => {
    const both = await expectSame((c) => {
      const form = new FormData();
      form.append("purpose", "batch");
      form.append("tags", "a");
      form.append("tags", "é b");
      form.append("file", new Blob(['{"n":1}\n'], { type: "application/jsonl" }), "in.jsonl");
      return c.POST("/b", { body: form });
    });
    expect(both.ours.wire[0]!.body).toEqual({
      parts: [
        ["purpose", "batch"],
        ["tags", "a"],
        ["tags", "é b"],
        ["file", { file: "in.jsonl", type: "application/jsonl", text: '{"n":1}\n' }],
      ],
    });
    const contentType = Object.fromEntries(both.ours.requests[0]!.headers)["content-type"];
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  test.each([
    ["per-call headers", { headers: { "Content-Type": "application/x-www-form-urlencoded" } }],
    [
      "params.header",
      { params: { header: { "content-type": "application/x-www-form-urlencoded" } } },
    ],
  ])("form-urlencoded via a content type in %s", async (_, init) => {
    const both = await expectSame((c) =>
      c.POST("/b", { body: { a: "1", b: "x y&z", c: "é" }, ...init }),
    );
    expect(both.ours.wire[0]!.body).toBe("a=1&b=x+y%26z&c=%C3%A9");
  });

  test("a custom bodySerializer gets the body and the merged headers", async () => {
    const seen: { body: unknown; headers: [string, string][] }[] = [];
    const body = { raw: true };
    const both = await expectSame((c) =>
      c.POST("/b", {
        body,
        headers: { "X-Call": "1", "x-shared": null },
        bodySerializer: (b: unknown, headers?: HeadersInit) => {
          seen.push({ body: b, headers: [...new Headers(headers)] });
          return "custom-bytes";
        },
      }),
    );
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]!.body).toBe(body);
    expect(seen[0]!.headers).toEqual([
      ["x-call", "1"],
      ["x-client-default", "from-client"],
    ]);
    expect(both.ours.wire[0]!.body).toBe("custom-bytes");
  });

  test("documented: the headers a bodySerializer gets are a Headers in openapi-fetch, a plain lower-cased record in ours", async () => {
    const kinds: string[] = [];
    await sendBoth((c) =>
      c.POST("/b", {
        body: {},
        bodySerializer: (_: unknown, headers?: unknown) => {
          kinds.push(headers instanceof Headers ? "Headers" : typeof headers);
          return "{}";
        },
      }),
    );
    expect(kinds).toEqual(["object", "Headers"]);
  });

  test.each(["GET", "POST", "DELETE"] as const)(
    "%s with no body sends no body and no content type",
    async (method) => {
      const both = await expectSame((c) => c[method]("/b"));
      expect(both.ours.wire[0]!.body).toBe("");
      expect(both.ours.wire[0]!.headers.map(([n]) => n)).not.toContain("content-type");
    },
  );
});

describe("results", () => {
  test("property: success bodies, with or without content-length, and API error bodies, read as any parseAs (200 runs)", async () => {
    const success = fc.record({
      status: fc.constantFrom(200, 201),
      body: fc.jsonValue(),
      chunked: fc.boolean(),
    });
    const apiError = fc.record({
      status: fc.constantFrom(400, 401, 402, 403, 404, 408, 409, 429, 500, 502, 503),
      body: fc.record(
        {
          error: fc.record(
            {
              code: fc.oneof(fc.integer({ min: 400, max: 599 }), fc.string({ maxLength: 10 })),
              message: fc.string({ maxLength: 20 }),
              metadata: fc.option(fc.dictionary(paramName, fc.jsonValue(), { maxKeys: 2 })),
            },
            { requiredKeys: ["message"] },
          ),
          user_id: fc.option(fc.string({ maxLength: 6 })),
        },
        { requiredKeys: ["error"] },
      ),
      chunked: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(success, apiError),
        fc.constantFrom("json", "text", "blob", "arrayBuffer", "stream"),
        async ({ status, body, chunked }, parseAs) => {
          const json = jsonAnswer(status, body);
          server.answer = () =>
            chunked ? { ...json, headers: { "content-type": "application/json" } } : json;
          await expectSame((c) => c.GET("/r", { parseAs }));
        },
      ),
      { numRuns: 200 },
    );
  });

  const answers = {
    "200 JSON with content-length": jsonAnswer(200, { id: "gen-1", n: 1.5 }),
    "200 JSON without content-length (chunked)": {
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"id":"gen-2"}',
    },
    "200 empty, chunked": { status: 200, headers: { "content-type": "application/json" } },
    "204 No Content": { status: 204 },
    "200 with content-length 0": { status: 200, headers: { "content-length": 0 } },
    "404 with the API's JSON error": jsonAnswer(404, {
      error: { code: 404, message: "No such generation" },
    }),
    "503 with the API's JSON error and metadata": jsonAnswer(503, {
      error: { code: 503, message: "No provider available", metadata: { provider_name: null } },
      user_id: "user_1",
    }),
  } as const;

  test.each(Object.entries(answers))("%s", async (_, answer) => {
    server.answer = () => answer;
    await expectSame((c) => c.GET("/r"));
  });

  test.each(["json", "text", "blob", "arrayBuffer", "stream"] as const)(
    "parseAs %s",
    async (parseAs) => {
      const body = '{"a":"é","b":1}';
      server.answer = () => ({
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(body),
        },
        body,
      });
      const both = await expectSame((c) => c.GET("/r", { parseAs }));
      expect(both.ours.outcome).toMatchObject({ resolved: { status: 200 } });
    },
  );

  test("typed: parseAs text on GET /models", async () => {
    server.answer = () => ({
      status: 200,
      headers: { "content-type": "application/rss+xml" },
      body: "<rss/>",
    });
    const o = await ours().GET("/models", { parseAs: "text" });
    const t = await theirs().GET("/models", { parseAs: "text" });
    expect(o.data).toBe("<rss/>");
    expect(o.data).toBe(t.data);
  });

  test("a 200 with a body that is not JSON rejects in both, with a SyntaxError", async () => {
    server.answer = () => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    const both = await sendBoth((c) => c.GET("/r"));
    expect(both.ours.thrown).toBeInstanceOf(SyntaxError);
    expect(both.theirs.thrown).toBeInstanceOf(SyntaxError);
  });

  test.each([
    ["an empty body", { status: 503, headers: { "content-length": 0 } }, undefined],
    [
      "an HTML body",
      { status: 502, headers: { "content-type": "text/html" }, body: "<title>Bad gateway</title>" },
      "<title>Bad gateway</title>",
    ],
    ["JSON that is not the API's shape", jsonAnswer(400, { message: "nope" }), { message: "nope" }],
  ] as const)(
    "intended: an error with %s: openapi-fetch returns it as is, ours the API's error shape",
    async (_, answer, theirsError) => {
      server.answer = () => answer;
      const both = await sendBoth((c) => c.GET("/r"));
      expect(both.ours.wire).toEqual(both.theirs.wire);
      expect(both.theirs.outcome).toEqual({
        resolved: { status: answer.status, keys: ["error"], data: undefined, error: theirsError },
      });
      expect(both.ours.outcome).toEqual({
        resolved: {
          status: answer.status,
          keys: ["error"],
          data: undefined,
          error: {
            error: {
              code: answer.status,
              message: expect.stringContaining(`The server answered ${answer.status}`),
              metadata: expect.objectContaining({ body: expect.any(String) }),
            },
          },
        },
      });
    },
  );
});

describe("redirects", () => {
  const redirecting = (status: number) => (request: { url: string }) =>
    request.url === "/from"
      ? { status, headers: { location: "/to", "content-length": 0 } }
      : jsonAnswer(200, { landed: request.url });

  test.each([307, 308, 303, 302, 301])(
    "intended: a same-origin %s is followed by hand by ours, with the same requests on the wire",
    async (status) => {
      server.answer = redirecting(status);
      const both = await sendBoth((c) => c.POST("/from", { body: { n: 1 } }));
      expect(both.ours.wire).toEqual(both.theirs.wire);
      expect(both.ours.outcome).toEqual(both.theirs.outcome);
      expect(both.ours.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        "POST /from",
        status === 307 || status === 308 ? "POST /to" : "GET /to",
      ]);
      // Ours sends each hop itself: its final response is not marked redirected.
      expect(both.theirs.result?.response.redirected).toBe(true);
      expect(both.ours.result?.response.redirected).toBe(false);
    },
  );
});

describe("middleware", () => {
  type Log = unknown[];
  const tracer = (log: Log, name: string): Middleware => ({
    onRequest: ({ request }) => void log.push(`${name}:req ${request.method}`),
    onResponse: ({ response }) => void log.push(`${name}:res ${response.status}`),
  });

  /** Runs `call` on each client after `setup`, collecting what `setup` logs per side. */
  async function withMiddleware(
    setup: (client: LooseClient, log: Log) => void,
    call: (client: LooseClient, log: Log) => Promise<LooseResult>,
    make: { ours?: () => unknown; theirs?: () => unknown } = {},
  ) {
    const logs: [Log, Log] = [[], []];
    const clients = [loose((make.ours ?? ours)()), loose((make.theirs ?? theirs)())] as const;
    clients.forEach((client, i) => setup(client, logs[i]!));
    const o = await capture(server, () => call(clients[0], logs[0]));
    const t = await capture(server, () => call(clients[1], logs[1]));
    return { ours: o, theirs: t, logs };
  }

  test("onRequest replacing the Request (changed header and URL) sends the new request", async () => {
    const replace: Middleware = {
      onRequest: async ({ request }) => {
        const headers = new Headers(request.headers);
        headers.set("x-replaced", "yes");
        headers.delete("x-shared");
        return new Request(request.url.replace("/a", "/b?via=mw"), {
          method: request.method,
          headers,
          body: await request.text(),
        });
      },
    };
    const both = await withMiddleware(
      (c) => c.use(replace),
      (c) => c.POST("/a", { body: { n: 1 } }),
    );
    expect(both.ours.wire).toEqual(both.theirs.wire);
    expect(both.ours.outcome).toEqual(both.theirs.outcome);
    expect(both.ours.requests[0]).toMatchObject({ url: "/b?via=mw", body: Buffer.from('{"n":1}') });
    expect(Object.fromEntries(both.ours.requests[0]!.headers)).toMatchObject({
      "x-replaced": "yes",
    });
  });

  test("documented: a Request with a stream body is sent chunked by openapi-fetch, with a content-length by ours (read into bytes, so it can be retried)", async () => {
    const streamBody: Middleware = {
      onRequest: ({ request }) =>
        new Request(request, { body: request.body, duplex: "half" } as RequestInit),
    };
    const both = await withMiddleware(
      (c) => c.use(streamBody),
      (c) => c.POST("/a", { body: { n: 1 } }),
    );
    const framing = (side: { requests: { headers: [string, string][] }[] }) =>
      side.requests[0]!.headers.filter(
        ([n]) => n === "content-length" || n === "transfer-encoding",
      );
    expect(framing(both.ours)).toEqual([["content-length", "7"]]);
    expect(framing(both.theirs)).toEqual([["transfer-encoding", "chunked"]]);
    const unframed = (side: typeof both.ours) =>
      side.wire.map((w) => ({
        ...w,
        headers: w.headers.filter(([n]) => n !== "content-length" && n !== "transfer-encoding"),
      }));
    expect(unframed(both.ours)).toEqual(unframed(both.theirs));
  });

  test("onRequest changing the request's headers in place", async () => {
    const stamp: Middleware = {
      onRequest: ({ request }) => void request.headers.set("X-Stamp", "1"),
    };
    const both = await withMiddleware(
      (c) => c.use(stamp),
      (c) => c.GET("/a"),
    );
    expect(both.ours.wire).toEqual(both.theirs.wire);
    expect(Object.fromEntries(both.ours.requests[0]!.headers)["x-stamp"]).toBe("1");
  });

  test("onRequest returning a Response: nothing is sent and onResponse is skipped", async () => {
    const both = await withMiddleware(
      (c, log) =>
        c.use(tracer(log, "outer"), {
          onRequest: () => Response.json({ cached: true }),
        }),
      (c) => c.GET("/a"),
    );
    expect(both.ours.requests).toEqual([]);
    expect(both.theirs.requests).toEqual([]);
    expect(both.ours.outcome).toEqual(both.theirs.outcome);
    expect(both.ours.outcome).toMatchObject({ resolved: { data: { cached: true } } });
    expect(both.logs[0]).toEqual(both.logs[1]);
    expect(both.logs[0]).toEqual(["outer:req GET"]);
  });

  test("onResponse replacing the Response", async () => {
    const both = await withMiddleware(
      (c) => c.use({ onResponse: () => Response.json({ replaced: true }, { status: 202 }) }),
      (c) => c.GET("/a"),
    );
    expect(both.ours.wire).toEqual(both.theirs.wire);
    expect(both.ours.outcome).toEqual(both.theirs.outcome);
    expect(both.ours.outcome).toMatchObject({
      resolved: { status: 202, data: { replaced: true } },
    });
  });

  describe("on a connection failure (a closed port)", () => {
    let closedUrl: string;
    beforeAll(async () => {
      const closed = await startRecordingServer();
      closedUrl = closed.origin;
      await closed.close();
    });
    const make = {
      ours: () => ours({ baseUrl: closedUrl }),
      theirs: () => theirs({ baseUrl: closedUrl }),
    };

    test("onError returning a Response recovers the call, then onResponse runs", async () => {
      const both = await withMiddleware(
        (c, log) =>
          c.use(tracer(log, "outer"), {
            onError: ({ schemaPath }) => {
              log.push(`onError ${schemaPath}`);
              return Response.json({ recovered: true }, { status: 200 });
            },
          }),
        (c) => c.GET("/down"),
        make,
      );
      expect(both.ours.outcome).toEqual(both.theirs.outcome);
      expect(both.ours.outcome).toMatchObject({ resolved: { data: { recovered: true } } });
      expect(both.logs[0]).toEqual(both.logs[1]);
      expect(both.logs[0]).toEqual(["outer:req GET", "onError /down", "outer:res 200"]);
    });

    test("onError returning an Error replaces the error thrown", async () => {
      const replaced = new Error("replaced by middleware");
      const both = await withMiddleware(
        (c) => c.use({ onError: () => replaced }),
        (c) => c.GET("/down"),
        make,
      );
      expect(both.ours.thrown).toBe(replaced);
      expect(both.theirs.thrown).toBe(replaced);
    });

    test("documented: the error onError sees, and the one thrown without it, is our typed ConnectionError (openapi-fetch: undici's TypeError)", async () => {
      const seen: unknown[] = [];
      const both = await withMiddleware(
        (c) => c.use({ onError: ({ error }) => void seen.push(error) }),
        (c) => c.GET("/down"),
        make,
      );
      expect(seen[0]).toBeInstanceOf(ConnectionError);
      expect(seen[1]).toBeInstanceOf(TypeError);
      expect(both.ours.thrown).toBe(seen[0]);
      expect(both.theirs.thrown).toBe(seen[1]);
    });
  });

  test("the schemaPath, params, id, request and options middleware sees", async () => {
    const seen: Record<string, unknown>[][] = [[], []];
    let side = 0;
    const params = { path: { hash: "abc" }, query: { limit: 2 }, header: { "X-P": "1" } };
    const spy: Middleware = {
      onRequest: (p) =>
        void seen[side]!.push({
          hook: "onRequest",
          schemaPath: p.schemaPath,
          params: p.params,
          sameParams: p.params === params,
          id: p.id,
          method: p.request.method,
          url: p.request.url,
          headers: [...p.request.headers],
          parseAs: p.options.parseAs,
          serializers: [
            typeof p.options.bodySerializer,
            typeof p.options.pathSerializer,
            typeof p.options.fetch,
          ],
        }),
      onResponse: (p) =>
        void seen[side]!.push({ hook: "onResponse", id: p.id, status: p.response.status }),
    };
    const both = await withMiddleware(
      (c) => c.use(spy),
      async (c) => {
        const first = await c.GET("/keys/{hash}", { params, parseAs: "text" });
        await c.GET("/keys/{hash}", { params });
        side++;
        return first;
      },
    );
    expect(both.ours.wire).toEqual(both.theirs.wire);
    // Ids differ in form (ours counts calls, openapi-fetch draws random ones): compared apart.
    const withoutIds = (list: Record<string, unknown>[]) => list.map(({ id: _, ...rest }) => rest);
    expect(withoutIds(seen[0]!)).toEqual(withoutIds(seen[1]!));
    for (const [request, response, second] of seen) {
      // One id per call, shared by its hooks.
      expect(request!.id).toMatch(/^[a-z0-9]+$/);
      expect(response!.id).toBe(request!.id);
      expect(second!.id).not.toBe(request!.id);
    }
    const [request] = seen[0]!;
    expect(request).toMatchObject({
      schemaPath: "/keys/{hash}",
      sameParams: true,
      url: `${server.origin}/keys/abc?limit=2`,
      parseAs: "text",
      serializers: ["function", "function", "function"],
    });
  });

  test("use/eject, client middleware before per-call middleware, onResponse in reverse", async () => {
    const both = await withMiddleware(
      (c, log) => {
        const a = tracer(log, "a");
        const b = tracer(log, "b");
        const c2 = tracer(log, "c");
        c.use(a, b, c2);
        c.eject(b);
      },
      (c, log) => c.GET("/a", { middleware: [tracer(log, "call")] }),
    );
    expect(both.logs[0]).toEqual(both.logs[1]);
    expect(both.logs[0]).toEqual([
      "a:req GET",
      "c:req GET",
      "call:req GET",
      "call:res 200",
      "c:res 200",
      "a:res 200",
    ]);
    expect(both.ours.wire).toEqual(both.theirs.wire);
  });

  test.each([
    ["a string", "nope"],
    ["an object without hooks", {}],
    ["a function", () => undefined],
  ])("use() with %s throws in both; ours a TypeError", (_, bad) => {
    expect(() => loose(theirs()).use(bad as never)).toThrow();
    expect(() => loose(ours()).use(bad as never)).toThrow(TypeError);
  });

  test("use() skips null and undefined in both", async () => {
    const both = await withMiddleware(
      (c, log) => c.use(null, undefined, tracer(log, "only")),
      (c) => c.GET("/a"),
    );
    expect(both.logs).toEqual([
      ["only:req GET", "only:res 200"],
      ["only:req GET", "only:res 200"],
    ]);
  });

  test.each([
    ["onRequest", { onRequest: () => "not a request" }],
    ["onResponse", { onResponse: () => 42 }],
  ])("%s returning something else rejects in both", async (_, bad) => {
    const both = await withMiddleware(
      (c) => c.use(bad as never),
      (c) => c.GET("/a"),
    );
    expect(both.ours.outcome).toEqual({ rejected: true });
    expect(both.theirs.outcome).toEqual({ rejected: true });
  });
});

describe("base URL", () => {
  test("a per-call baseUrl replaces the client's, its trailing slash removed", async () => {
    const both = await expectSame((c) => c.GET("/a", { baseUrl: `${server.origin}/v2/` }));
    expect(sentUrl(both.ours)).toEqual(["/v2/a"]);
  });

  test("documented: a baseUrl ending in several slashes: openapi-fetch removes one, ours all", async () => {
    const both = await sendBoth((c) => c.GET("/a"), {
      ours: () => ours({ baseUrl: `${server.origin}//` }),
      theirs: () => theirs({ baseUrl: `${server.origin}//` }),
    });
    expect(sentUrl(both.theirs)).toEqual(["//a"]);
    expect(sentUrl(both.ours)).toEqual(["/a"]);
  });
});

describe("a per-call fetch", () => {
  test("gets a Request for the same URL, method, headers and body; ours asks for manual redirects (intended)", async () => {
    const seen: Record<string, unknown>[] = [];
    const spyFetch = async (request: Request) => {
      seen.push({
        url: request.url,
        method: request.method,
        headers: [...request.headers],
        body: await request.clone().text(),
        redirect: request.redirect,
      });
      return fetch(request);
    };
    const both = await expectSame((c) =>
      c.POST("/f", { body: { n: 1 }, headers: { "X-Call": "1" }, fetch: spyFetch }),
    );
    expect(both.ours.wire).toHaveLength(1);
    const redirects = seen.map((s) => s.redirect);
    expect(redirects).toEqual(["manual", "follow"]);
    const withoutRedirect = seen.map(({ redirect: _, ...rest }) => rest);
    expect(withoutRedirect[0]).toEqual(withoutRedirect[1]);
  });
});

describe("interface", () => {
  test("intended: ours has the API's methods only (no HEAD, OPTIONS, TRACE or request())", () => {
    const o = ours() as unknown as Record<string, unknown>;
    const t = theirs() as unknown as Record<string, unknown>;
    for (const name of ["GET", "PUT", "POST", "DELETE", "PATCH", "use", "eject"]) {
      expect(typeof o[name], name).toBe("function");
      expect(typeof t[name], name).toBe("function");
    }
    for (const name of ["HEAD", "OPTIONS", "TRACE", "request"]) {
      expect(o[name], name).toBeUndefined();
      expect(typeof t[name], name).toBe("function");
    }
  });
});

describe("an intended difference: path params are strings", () => {
  // Every path param of the API is a string (the types reject anything else), so ours encodes
  // each value as one string; openapi-fetch also knows array/object styles (`a,b`, `k,v`).
  test("an array or object path param is encoded as its string, not in the simple style", async () => {
    const both = await sendBoth((c) =>
      c.GET("/p/{list}/{obj}", { params: { path: { list: ["a", "b c"], obj: { k: "v", n: 1 } } } }),
    );
    expect(sentUrl(both.theirs)).toEqual(["/p/a,b%20c/k,v,n,1"]);
    expect(sentUrl(both.ours)).toEqual(["/p/a%2Cb%20c/%5Bobject%20Object%5D"]);
  });
});

// Cases where the first version of our core differed; each asserts openapi-fetch's behaviour.
describe("edge cases found by this suite, now matching", () => {
  test("middleware options.querySerializer is always a function, options.baseUrl has no trailing slash", async () => {
    const seen: unknown[][] = [];
    const spy: Middleware = {
      onRequest: ({ options }) =>
        void seen.push([
          typeof options.querySerializer === "function"
            ? options.querySerializer({ a: 1 })
            : "not a function",
          options.baseUrl,
        ]),
    };
    await sendBoth(
      (c) => {
        c.use(spy);
        return c.GET("/a");
      },
      {
        ours: () => ours({ baseUrl: `${server.origin}/` }),
        theirs: () => theirs({ baseUrl: `${server.origin}/` }),
      },
    );
    expect(seen[1]).toEqual(["a=1", server.origin]);
    expect(seen[0]).toEqual(seen[1]);
  });

  test("custom per-call init fields are set on the Request middleware sees", async () => {
    const seen: unknown[] = [];
    const spy: Middleware = {
      onRequest: ({ request }) =>
        void seen.push((request as unknown as { traceId?: string }).traceId),
    };
    await sendBoth((c) => c.GET("/a", { traceId: "t-1", middleware: [spy] }));
    expect(seen[1]).toBe("t-1");
    expect(seen[0]).toBe(seen[1]);
  });

  test("header values are trimmed one by one before array items are appended", async () => {
    const both = await sendBoth((c) =>
      c.GET("/h", {
        headers: { "X-List": ["a ", " b", " "], "X-Then": "c " },
        params: { header: { "x-then": ["d"] } },
      }),
    );
    const sent = (side: typeof both.ours) => {
      const headers = Object.fromEntries(side.requests[0]!.headers);
      return [headers["x-list"], headers["x-then"]];
    };
    expect(sent(both.theirs)).toEqual(["a, b,", "c, d"]);
    expect(sent(both.ours)).toEqual(sent(both.theirs));
  });

  test("an invalid header value rejects with a TypeError, never a retryable ConnectionError", async () => {
    const both = await sendBoth((c) => c.GET("/h", { headers: { "X-Bad": "a\nb" } }));
    expect([...both.ours.requests, ...both.theirs.requests]).toEqual([]);
    expect(both.theirs.thrown).toBeInstanceOf(TypeError);
    expect(both.ours.thrown).toBeInstanceOf(TypeError);
    // With retries on it is not retried either: nothing is ever sent.
    const retrying = loose(createOpenRouter({ baseUrl: server.origin, apiKey: NO_KEY }));
    await expect(retrying.GET("/h", { headers: { "X-Bad": "a\nb" } })).rejects.toThrow(TypeError);
    expect(server.take()).toEqual([]);
  });

  test("a null or undefined entry in per-call middleware is skipped", async () => {
    const both = await sendBoth((c) => c.GET("/a", { middleware: [null, undefined] }));
    expect(both.theirs.outcome).toMatchObject({ resolved: { status: 200 } });
    expect(both.ours.outcome).toEqual(both.theirs.outcome);
  });
});
