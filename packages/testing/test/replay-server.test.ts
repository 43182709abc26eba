import { describe, expect, it } from "vitest";
import { startReplayServer, type ReplayServer } from "../src/replay-server";
import {
  AUTH,
  eventually,
  readRaw,
  readUntil,
  testFixtures,
  testFixture as fixture,
  useTestServer,
} from "./replay-client";

let server: ReplayServer;

useTestServer((started) => (server = started));

describe("URL layout and CORS", () => {
  it("listens on 127.0.0.1 and answers under /api/v1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/api/v1`);
    const res = await fetch(`${server.url}/credits`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(fixture("getCredits/success").response.body);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-or-fixture")).toBe("getCredits/success");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers a preflight with 204 and the headers browsers need", async () => {
    const res = await fetch(`${server.url}/chat/completions`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-headers": "x-custom" },
    });
    expect(res.status).toBe(204);
    const allowed = res.headers.get("access-control-allow-headers") ?? "";
    for (const name of [
      "authorization",
      "content-type",
      "x-or-fixture",
      "x-or-fault",
      "x-openrouter-title",
      "x-custom",
    ]) {
      expect(allowed).toContain(name);
    }
    expect(res.headers.get("access-control-allow-methods")).toContain("PATCH");
    const get = await fetch(`${server.url}/credits`, { headers: AUTH });
    const exposed = get.headers.get("access-control-expose-headers") ?? "";
    expect(exposed).toContain("x-generation-id");
    expect(exposed).toContain("retry-after");
  });

  it("sends a path outside /api/v1 to a 404 that says where the API is", async () => {
    const origin = server.url.replace(/\/api\/v1$/, "");
    const res = await fetch(`${origin}/v1/credits`, { headers: AUTH });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(404);
    expect(body.error.message).toContain("/api/v1");
  });
});

describe("authorization", () => {
  it("answers a missing key with the operation's error-401 fixture", async () => {
    const res = await fetch(`${server.url}/credits`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(fixture("getCredits/error-401").response.body);
    expect(server.requests[0]?.fixture).toBe("getCredits/error-401");
  });

  it.each(["Token abc", "Bearer ", "Bearer", "sk-or-v1-0000"])(
    "refuses the malformed header %j",
    async (value) => {
      const res = await fetch(`${server.url}/credits`, { headers: { authorization: value } });
      expect(res.status).toBe(401);
    },
  );

  it("answers with a generic 401 in the API's shape when the operation has no 401 fixture", async () => {
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(401);
    expect(body.error.message).toMatch(/Authorization/);
  });

  it("serves an operation marked auth: false without a key", async () => {
    const res = await fetch(`${server.url}/credits/coinbase`, { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { id: "charge-1" } });
  });
});

describe("matching", () => {
  it("prefers the fixture whose query is a subset of the request's, most specific first", async () => {
    const filtered = await fetch(`${server.url}/models?category=programming&order=new`, {
      headers: AUTH,
    });
    expect(filtered.headers.get("x-or-fixture")).toBe("getModels/programming");
    const plain = await fetch(`${server.url}/models?category=roleplay`, { headers: AUTH });
    expect(plain.headers.get("x-or-fixture")).toBe("getModels/success");
  });

  it("selects by body: stream true gets the SSE fixture, anything else the JSON one", async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}/chat/completions`, {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const streamed = await post({ model: "openai/gpt-4o", messages: [], stream: true });
    expect(streamed.headers.get("content-type")).toBe("text/event-stream");
    expect(streamed.headers.get("x-or-fixture")).toBe("sendChatCompletionRequest/stream");
    await streamed.arrayBuffer();
    const plain = await post({ model: "openai/gpt-4o", messages: [], stream: false });
    expect(plain.headers.get("x-or-fixture")).toBe("sendChatCompletionRequest/success");
    expect(plain.headers.get("x-generation-id")).toBe("gen-1");
  });

  it("serves explicit fixtures only when named by x-or-fixture", async () => {
    const named = await fetch(`${server.url}/credits`, {
      headers: { ...AUTH, "x-or-fixture": "getCredits/error-503" },
    });
    expect(named.status).toBe(503);
    expect(await named.json()).toEqual(fixture("getCredits/error-503").response.body);
  });

  it("answers an unknown fixture name with a 404 naming the closest names", async () => {
    const res = await fetch(`${server.url}/credits`, {
      headers: { ...AUTH, "x-or-fixture": "getCredits/error-05" },
    });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toContain("getCredits/error-503");
  });

  it("answers an unmatched request with a 404 naming similar paths", async () => {
    const res = await fetch(`${server.url}/chat/completion`, {
      method: "POST",
      headers: AUTH,
      body: "{}",
    });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { code: number; message: string } };
    expect(error.code).toBe(404);
    expect(error.message).toContain("No fixture for POST /chat/completion.");
    expect(error.message).toContain("POST /chat/completions");
  });

  it("names the same path under another method first", async () => {
    const res = await fetch(`${server.url}/credits`, { method: "DELETE", headers: AUTH });
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/Closest: GET \/credits \(getCredits\/success\)/);
  });

  it("says which query a fixture needs when only the query differs", async () => {
    const res = await fetch(`${server.url}/generation?id=gen-9`, { headers: AUTH });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toContain('getGeneration/success needs query {"id":"gen-1"}');
  });
});

describe("request log", () => {
  it("records exactly what the client sent", async () => {
    const body = { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] };
    await fetch(`${server.url}/chat/completions?trace=1`, {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "application/json", "X-OpenRouter-Title": "tests" },
      body: JSON.stringify(body),
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/chat/completions",
      query: { trace: "1" },
      bodyText: JSON.stringify(body),
      body,
      fixture: "sendChatCompletionRequest/success",
      status: 200,
      faults: [],
    });
    expect(request?.headers["x-openrouter-title"]).toBe("tests");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers.authorization).toBe(AUTH.authorization);
    expect(typeof request?.at).toBe("number");
  });

  it("keeps non-JSON bodies as text only, and reset() forgets everything", async () => {
    await fetch(`${server.url}/credits/coinbase`, { method: "POST", body: "amount=5" });
    expect(server.requests[0]?.bodyText).toBe("amount=5");
    expect(server.requests[0]).not.toHaveProperty("body");
    server.reset();
    expect(server.requests).toHaveLength(0);
  });

  it("calls onRequest before answering, and answers 500 when it throws", async () => {
    const seen: string[] = [];
    const hooked = await startReplayServer({
      fixtures: testFixtures(),
      record: false,
      onRequest: (request) => {
        seen.push(`${request.method} ${request.path}`);
        if (request.path === "/models") throw new Error("hook says no");
      },
    });
    try {
      expect((await fetch(`${hooked.url}/credits`, { headers: AUTH })).status).toBe(200);
      const failed = await fetch(`${hooked.url}/models`, { headers: AUTH });
      expect(failed.status).toBe(500);
      expect(((await failed.json()) as { error: { message: string } }).error.message).toContain(
        "hook says no",
      );
      expect(seen).toEqual(["GET /credits", "GET /models"]);
    } finally {
      await hooked.close();
    }
  });
});

describe("SSE", () => {
  const streamRequest = (extra: Record<string, string> = {}) =>
    fetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers: { ...AUTH, ...extra },
      body: JSON.stringify({ model: "openai/gpt-4o", stream: true }),
    });

  it("writes comments, JSON data lines and blank lines, with SSE headers", async () => {
    const res = await streamRequest();
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const { text } = await readRaw(res);
    const items = fixture("sendChatCompletionRequest/stream").response.sse ?? [];
    const expected =
      ": OPENROUTER PROCESSING\n\n" +
      items
        .slice(1)
        .map(
          (item) =>
            `data: ${"data" in item && typeof item.data !== "string" ? JSON.stringify(item.data) : "[DONE]"}\n\n`,
        )
        .join("");
    expect(text).toBe(expected);
  });

  it("writes events, ids, multi-line data and the fixture's line ending", async () => {
    const res = await streamRequest({ "x-or-fixture": "sendChatCompletionRequest/stream-crlf" });
    const { text } = await readRaw(res);
    expect(text).toBe(
      'event: message_start\r\nid: 1\r\ndata: {"type":"message_start"}\r\n\r\n' +
        ": still working\r\n\r\n" +
        "data: first line\r\ndata: second line\r\n\r\n" +
        "data: [DONE]\r\n\r\n",
    );
  });

  it("honours delayMs, and stops without leftovers when the client goes away", async () => {
    const slow = structuredClone(fixture("sendChatCompletionRequest/stream"));
    (slow.response.sse?.[2] as { delayMs?: number }).delayMs = 60_000;
    const own = await startReplayServer({ fixtures: [slow], record: false });
    try {
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
      const controller = new AbortController();
      const res = await fetch(`${own.url}/chat/completions`, {
        method: "POST",
        headers: AUTH,
        body: '{"stream":true}',
        signal: controller.signal,
      });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const text = await readUntil(reader, (t) => t.includes('"Hel"'));
      // The delayed item is still waiting: only the comment and the first chunk came.
      expect(text.split("\n\n").filter(Boolean)).toHaveLength(2);
      const during = timers();
      expect(during).toBeGreaterThan(0);
      controller.abort();
      await eventually(
        () => timers() < during,
        "the delay timer is cleared once the client is gone",
      );
      // The server is fine afterwards.
      expect(
        (await fetch(`${own.url}/chat/completions`, { method: "POST", headers: AUTH, body: "{}" }))
          .status,
      ).toBe(404);
    } finally {
      await own.close();
    }
  });

  it("close() ends open streams, so nothing hangs", async () => {
    const own = await startReplayServer({
      fixtures: testFixtures(),
      record: false,
      faults: [{ fault: { type: "stall", afterItems: 2 } }],
    });
    const res = await fetch(`${own.url}/chat/completions`, {
      method: "POST",
      headers: AUTH,
      body: '{"stream":true}',
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, (t) => t.includes('"Hel"'));
    await own.close();
    const rest = await reader.read().then(
      (next) => (next.done ? "ended" : "more data"),
      () => "errored",
    );
    expect(rest).not.toBe("more data");
  });
});
