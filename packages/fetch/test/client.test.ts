import { loadFixtures, startReplayServer, type Fixture, type ReplayServer } from "@or/testing";
import type { Middleware } from "../src/index.js";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  AuthenticationError,
  createOpenRouter,
  DEFAULT_BASE_URL,
  responseMeta,
  type FetchFn,
} from "../src/index.js";
import { replayClient, useReplayServer } from "./support/replay.js";
import { CHAT_BODY, TEST_KEY } from "./support/test-key.js";

const replay = useReplayServer();
const WORKSPACE = "6b2f4c1e-8a3d-4f7b-9e52-1c0d7a9b3e84";
const KEY_HASH = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

describe("every method, typed", () => {
  test("GET with a path parameter", async () => {
    const { client } = replayClient(replay.server);
    const { data } = await client.GET("/keys/{hash}", { params: { path: { hash: KEY_HASH } } });
    expect(data?.data.hash).toBe(KEY_HASH);
  });

  test("GET with a query parameter", async () => {
    const { client } = replayClient(replay.server);
    const id = "gen-1755846123-Rk4QmV9xTz2LpW7sNa3b";
    const { data } = await client.GET("/generation", { params: { query: { id } } });
    expect(data?.data.id).toBe(id);
    expect(replay.server.requests[0]?.query).toEqual({ id });
  });

  test("POST with a JSON body", async () => {
    const { client } = replayClient(replay.server);
    const { data } = await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(data?.choices[0]?.finish_reason).toBe("stop");
    expect(replay.server.requests[0]).toMatchObject({ method: "POST", body: CHAT_BODY });
    expect(replay.server.requests[0]?.headers["content-type"]).toBe("application/json");
  });

  test("PUT, PATCH and DELETE", async () => {
    const { client } = replayClient(replay.server);
    const put = await client.PUT("/workspaces/{id}/budgets/{interval}", {
      params: { path: { id: WORKSPACE, interval: "monthly" } },
      body: { limit_usd: 300 },
    });
    expect(put.response.status).toBe(200);
    expect(put.data).toBeDefined();
    const patch = await client.PATCH("/keys/{hash}", {
      params: { path: { hash: KEY_HASH } },
      body: { name: "ci-runner-v2", limit: 40 },
    });
    expect(patch.data?.data.name).toBe("ci-runner-v2");
    const doomed = "c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2";
    const del = await client.DELETE("/keys/{hash}", { params: { path: { hash: doomed } } });
    expect(del.data?.deleted).toBe(true);
    expect(replay.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /workspaces/${WORKSPACE}/budgets/monthly`,
      `PATCH /keys/${KEY_HASH}`,
      `DELETE /keys/${doomed}`,
    ]);
  });
});

describe("options", () => {
  const saved = process.env.OPENROUTER_API_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.OPENROUTER_API_KEY;
    else process.env.OPENROUTER_API_KEY = saved;
  });

  test("apiKey as a string, as an async function, and from OPENROUTER_API_KEY", async () => {
    const envKey = `sk-or-v1-${"0".repeat(60)}0e0e`;
    process.env.OPENROUTER_API_KEY = envKey;
    const asyncKey = `sk-or-v1-${"0".repeat(63)}a`;
    for (const apiKey of [TEST_KEY, async () => asyncKey, undefined]) {
      const client = createOpenRouter({ apiKey, baseUrl: replay.server.url });
      expect((await client.GET("/credits")).response.status).toBe(200);
    }
    expect(replay.server.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TEST_KEY}`,
      `Bearer ${asyncKey}`,
      `Bearer ${envKey}`,
    ]);
  });

  test("without any key no Authorization is sent, and the 401 is an AuthenticationError", async () => {
    delete process.env.OPENROUTER_API_KEY;
    const client = createOpenRouter({
      baseUrl: replay.server.url,
      throwOnError: true,
      retry: false,
    });
    const error = await client.GET("/credits").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(replay.server.requests[0]?.headers.authorization).toBeUndefined();
    // It says why, and where a key is read from.
    expect((error as Error).message).toContain("No API key was set");
    expect((error as Error).message).toContain("OPENROUTER_API_KEY");
    expect((error as Error).message).toContain("apiKey");
    const keyless = createOpenRouter({ baseUrl: replay.server.url, retry: false });
    const { error: body } = await keyless.GET("/credits");
    expect(body?.error.message).toContain("No API key was set");
  });

  test("a 401 with a key says nothing about a missing key", async () => {
    const client = createOpenRouter({
      apiKey: TEST_KEY,
      baseUrl: replay.server.url,
      retry: false,
      headers: { "x-or-fault": JSON.stringify({ type: "status-sequence", statuses: [401] }) },
    });
    const { error, response } = await client.GET("/credits");
    expect(response.status).toBe(401);
    expect(error?.error.message).not.toContain("No API key was set");
  });

  test("baseUrl defaults to OpenRouter's API", () => {
    expect(DEFAULT_BASE_URL).toBe("https://openrouter.ai/api/v1");
  });

  test("without baseUrl, OPENROUTER_BASE_URL is read; the option wins over it", async () => {
    process.env.OPENROUTER_BASE_URL = replay.server.url;
    try {
      const fromEnv = createOpenRouter({ apiKey: TEST_KEY, retry: false });
      expect((await fromEnv.GET("/credits")).response.status).toBe(200);
      expect(replay.server.requests).toHaveLength(1);
      const given = createOpenRouter({
        apiKey: TEST_KEY,
        baseUrl: "http://127.0.0.1:1",
        retry: false,
      });
      await expect(given.GET("/credits")).rejects.toThrow("127.0.0.1:1");
      expect(replay.server.requests).toHaveLength(1);
    } finally {
      delete process.env.OPENROUTER_BASE_URL;
    }
  });

  test("OPENROUTER_BASE_URL is not read when baseUrl is given; a denied read means unset", () => {
    const saved = process.env;
    const reads: string[] = [];
    // As Deno without --allow-env: reading the variable throws.
    process.env = new Proxy(saved, {
      get(target, name) {
        if (name !== "OPENROUTER_BASE_URL") return Reflect.get(target, name);
        reads.push(name);
        throw new Error('Requires env access to "OPENROUTER_BASE_URL"');
      },
    });
    try {
      createOpenRouter({ apiKey: TEST_KEY, baseUrl: replay.server.url });
      expect(reads).toEqual([]);
      expect(() => createOpenRouter({ apiKey: TEST_KEY })).not.toThrow();
      expect(reads).toEqual(["OPENROUTER_BASE_URL"]);
    } finally {
      process.env = saved;
    }
  });

  test("a malformed OPENROUTER_BASE_URL or baseUrl is a TypeError naming it", () => {
    process.env.OPENROUTER_BASE_URL = "openrouter.ai/api/v1";
    try {
      expect(() => createOpenRouter()).toThrow(TypeError);
      expect(() => createOpenRouter()).toThrow(/^OPENROUTER_BASE_URL must be an http\(s\) URL/);
    } finally {
      delete process.env.OPENROUTER_BASE_URL;
    }
    expect(() => createOpenRouter({ baseUrl: "not a url" })).toThrow(/^baseUrl must be/);
    expect(() => createOpenRouter({ baseUrl: "ftp://x.dev" })).toThrow(/^baseUrl must be/);
  });

  test("app attribution and extra headers are sent with every request", async () => {
    const { client } = replayClient(replay.server, {
      appUrl: "https://tools.example.dev",
      appTitle: "Example tools",
      appCategories: ["cli-agent", "programming-app"],
      headers: { "x-team": "evals" },
    });
    await client.GET("/credits");
    await client.POST("/chat/completions", { body: CHAT_BODY, headers: { "x-call": "one" } });
    for (const request of replay.server.requests) {
      expect(request.headers).toMatchObject({
        "http-referer": "https://tools.example.dev",
        "x-openrouter-title": "Example tools",
        "x-openrouter-categories": "cli-agent,programming-app",
        "x-team": "evals",
      });
    }
    expect(replay.server.requests[1]?.headers["x-call"]).toBe("one");
  });

  test("a custom fetch is used for every attempt", async () => {
    replay.server.addFault({
      fault: { type: "status-sequence", statuses: [503] },
      match: { path: "/credits" },
    });
    const seen: string[] = [];
    const viaProxy: FetchFn = (request) => {
      seen.push(
        `${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`,
      );
      return fetch(request);
    };
    const { client } = replayClient(replay.server, { fetch: viaProxy });
    await client.GET("/credits");
    expect(seen).toEqual([
      `GET /api/v1/credits Bearer ${TEST_KEY}`,
      `GET /api/v1/credits Bearer ${TEST_KEY}`,
    ]);
  });

  test("middleware added with use() sees requests and responses; eject() removes it", async () => {
    const { client } = replayClient(replay.server);
    const statuses: number[] = [];
    const middleware: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set("x-trace", "t-1");
        return request;
      },
      onResponse: ({ response }) => void statuses.push(response.status),
    };
    client.use(middleware);
    await client.GET("/credits");
    client.eject(middleware);
    await client.GET("/credits");
    expect(replay.server.requests.map((r) => r.headers["x-trace"])).toEqual(["t-1", undefined]);
    expect(statuses).toEqual([200]);
  });
});

describe("requests as middleware sees them", () => {
  test("middleware gets a real Request whose body it can read, and the body still goes out", async () => {
    const { client } = replayClient(replay.server);
    const seen: unknown[] = [];
    client.use({ onRequest: async ({ request }) => void seen.push(await request.clone().json()) });
    await client.POST("/chat/completions", { body: CHAT_BODY });
    expect(seen).toEqual([CHAT_BODY]);
    expect(replay.server.requests[0]?.body).toEqual(CHAT_BODY);
  });

  test("per-call middleware too, and a middleware may replace the request", async () => {
    const { client } = replayClient(replay.server);
    const replace: Middleware = {
      onRequest: ({ request }) =>
        new Request(request, {
          headers: { ...Object.fromEntries(request.headers), "x-swapped": "yes" },
        }),
    };
    await client.POST("/chat/completions", { body: CHAT_BODY, middleware: [replace] });
    expect(replay.server.requests[0]?.headers["x-swapped"]).toBe("yes");
    expect(replay.server.requests[0]?.body).toEqual(CHAT_BODY);
  });

  test("a multipart body is sent whole, and again on a retry", async () => {
    // A 429: an upload is not repeatable, so only a status saying the server did not act is retried.
    replay.server.addFault({
      fault: { type: "status-sequence", statuses: [429] },
      match: { path: "/files" },
    });
    const { client } = replayClient(replay.server);
    const { response } = await client.POST("/files", {
      body: { file: new Blob(["plain notes"], { type: "text/plain" }) },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append("file", body.file, "notes.txt");
        return form;
      },
    });
    expect(response.status).toBe(200);
    const [first, second] = replay.server.requests;
    expect(first?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(first?.bodyText).toContain('filename="notes.txt"');
    expect(first?.bodyText).toContain("plain notes");
    // Each send serializes the form anew, with its own boundary; the parts are the same.
    const parts = (r: typeof first) => {
      const boundary = r?.headers["content-type"]?.split("boundary=")[1] ?? "";
      return r?.bodyText.replaceAll(boundary, "<boundary>");
    };
    expect(parts(second)).toBe(parts(first));
  });
});

describe("response metadata of a success", () => {
  let server: ReplayServer;
  const limited: Fixture = {
    name: "rate-limit-headers",
    operationId: "getCredits",
    request: { method: "GET", path: "/credits", explicit: true },
    response: {
      status: 200,
      headers: {
        "content-type": "application/json",
        "x-ratelimit-limit": "20",
        "x-ratelimit-remaining": "19",
        "x-ratelimit-reset": "1755846602000",
        "x-request-id": "req-0001",
      },
      body: { data: { total_credits: 10, total_usage: 1 } },
    },
  };
  beforeAll(async () => {
    server = await startReplayServer({ record: false, fixtures: [...loadFixtures(), limited] });
  });
  afterAll(() => server.close());

  test("the generation id of a chat completion", async () => {
    const { client } = replayClient(server);
    const { data, response } = await client.POST("/chat/completions", { body: CHAT_BODY });
    const meta = responseMeta(response);
    expect(meta.generationId).toBe("gen-1755846123-Rk4QmV9xTz2LpW7sNa3b");
    expect(meta.generationId).toBe(data?.id);
    expect(meta.rateLimit).toBeUndefined();
  });

  test("rate-limit headers and the request id", async () => {
    const { client } = replayClient(server);
    const { response } = await client.GET("/credits", {
      headers: { "x-or-fixture": "getCredits/rate-limit-headers" },
    });
    expect(responseMeta(response)).toEqual({
      generationId: undefined,
      requestId: "req-0001",
      rateLimit: { limit: 20, remaining: 19, reset: 1755846602000 },
      retryAfterMs: undefined,
    });
  });
});
