import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ConnectionError, createOpenRouter } from "../src/index.js";
import { sendJson, startLoopbackServer, type LoopbackServer } from "./support/loopback-server.js";
import { TEST_KEY } from "./support/test-key.js";

// Two servers of their own for each test (a request one test leaves in flight can never land in
// another's log), on different ports: two origins. `origin` redirects as its path says:
// /r/<status>/<target> → Location: <target>, where target is "same" or "other".
let origin: LoopbackServer;
let other: LoopbackServer;

beforeEach(async () => {
  other = await startLoopbackServer((_, res) =>
    sendJson(res, 200, { data: { total_credits: 1, total_usage: 0 } }),
  );
  origin = await startLoopbackServer((request, res) => {
    const hop = /^\/r\/(\d{3})\/(same|other|loop)/.exec(request.url);
    if (!hop) return sendJson(res, 200, { data: { total_credits: 2, total_usage: 0 } });
    const [, status, target] = hop;
    const location =
      target === "same" ? "/credits" : target === "loop" ? request.url : `${other.origin}/credits`;
    res.writeHead(Number(status), { location }).end();
  });
});
afterEach(async () => {
  await origin.close();
  await other.close();
});

const clientAt = (prefix: string) =>
  createOpenRouter({
    apiKey: TEST_KEY,
    baseUrl: `${origin.origin}${prefix}`,
    appTitle: "Redirect test",
    headers: { cookie: "session=abc" },
    retry: false,
  });

describe("the Authorization header never follows a redirect to another origin", () => {
  test.each([301, 302, 303, 307, 308])(
    "%i to another origin: no Authorization, no Cookie there",
    async (status) => {
      const { data } = await clientAt(`/r/${status}/other`).GET("/credits");
      expect(data?.data.total_credits).toBe(1);
      expect(origin.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
      expect(other.requests[0]?.headers.cookie).toBeUndefined();
      // Harmless headers still go along.
      expect(other.requests[0]?.headers["x-openrouter-title"]).toBe("Redirect test");
    },
  );

  test("a same-origin redirect keeps Authorization", async () => {
    const { data } = await clientAt("/r/307/same").GET("/credits");
    expect(data?.data.total_credits).toBe(2);
    expect(origin.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TEST_KEY}`,
      `Bearer ${TEST_KEY}`,
    ]);
    expect(other.requests).toHaveLength(0);
  });
});

describe("methods and bodies across redirects", () => {
  const body = {
    model: "openai/gpt-4o-mini",
    messages: [{ role: "user" as const, content: "hi" }],
  };

  test("307 and 308 re-send the POST body intact", async () => {
    for (const status of [307, 308]) {
      other.requests.length = 0;
      await clientAt(`/r/${status}/other`).POST("/chat/completions", { body, parseAs: "text" });
      expect(other.requests[0]?.method).toBe("POST");
      expect(JSON.parse(other.requests[0]?.body ?? "")).toEqual(body);
    }
  });

  test("303, and 301/302 after a POST, become a GET without a body", async () => {
    for (const status of [301, 302, 303]) {
      other.requests.length = 0;
      await clientAt(`/r/${status}/other`).POST("/chat/completions", { body, parseAs: "text" });
      expect(other.requests[0]).toMatchObject({ method: "GET", body: "" });
      expect(other.requests[0]?.headers["content-type"]).toBeUndefined();
    }
  });

  test("a redirect loop ends in a ConnectionError that is not retried", async () => {
    const client = createOpenRouter({ apiKey: TEST_KEY, baseUrl: `${origin.origin}/r/302/loop` });
    const failure = await client.GET("/credits").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ retryable: false });
    expect((failure as Error).message).toBe(`More than 20 redirects from ${origin.origin}.`);
    expect(origin.requests).toHaveLength(21);
  });
});
