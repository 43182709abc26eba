import { describe, expect, test } from "vitest";
import { ConnectionError, isRepeatable, ServerError } from "../src/index.js";
import { refusedClient } from "./support/closed-port.js";
import { replayClient, useReplayServer } from "./support/replay.js";

const replay = useReplayServer();
const createKey = { path: "/keys" };
const KEY_BODY = { name: "ci" };

describe("which requests may be sent again after an unknown fate", () => {
  const base = "https://openrouter.ai/api/v1";
  test.each([
    ["POST", "/chat/completions"],
    ["POST", "/responses"],
    ["POST", "/messages"],
    ["POST", "/embeddings"],
    ["POST", "/presets/my-preset/chat/completions"],
    ["POST", "/guardrails/g1/assignments/keys/remove"],
    ["GET", "/keys"],
    ["PATCH", "/keys/abc"],
    ["DELETE", "/keys/abc"],
    ["PUT", "/workspaces/w/budgets/daily"],
  ])("%s %s is repeatable", (method, path) => {
    expect(isRepeatable(method, `${base}${path}`)).toBe(true);
  });

  test.each([
    ["POST", "/keys"],
    ["POST", "/guardrails"],
    ["POST", "/workspaces"],
    ["POST", "/byok"],
    ["POST", "/files"],
    ["POST", "/videos"],
    ["POST", "/auth/keys"],
    ["POST", "/observability/destinations"],
    ["POST", "/keys/chat/completions/x"],
  ])("%s %s is not", (method, path) => {
    expect(isRepeatable(method, `${base}${path}`)).toBe(false);
  });
});

describe("a create whose delivery is uncertain is never sent again", () => {
  test("a reset before the headers: one request, a ConnectionError that says the key may exist", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "reset-before-headers" }, match: createKey, times: 1 });
    const { client, logger } = replayClient(server);
    const failure = await client.POST("/keys", { body: KEY_BODY }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({ retryable: false, delivery: "uncertain" });
    expect((failure as Error).message).toMatch(
      /^Could not reach http:\/\/127\.0\.0\.1:\d+: .+\. The server may have acted on POST \/api\/v1\/keys: it was not sent again\.$/,
    );
    expect(server.requests).toHaveLength(1);
    expect(logger.retries).toEqual([]);
  });

  test("the same reset on a chat completion is retried (inference changes nothing)", async () => {
    const { server } = replay;
    server.addFault({
      fault: { type: "reset-before-headers" },
      match: { path: "/chat/completions" },
      times: 1,
    });
    const { client } = replayClient(server);
    const { data } = await client.POST("/chat/completions", {
      body: { model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] },
    });
    expect(data?.choices).toBeDefined();
    expect(server.requests).toHaveLength(2);
  });

  test("a 500 to a create is answered as is, not retried", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [500] }, match: createKey });
    const { client, logger } = replayClient(server, { throwOnError: true });
    const failure = await client.POST("/keys", { body: KEY_BODY }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServerError);
    expect(server.requests.map((r) => r.status)).toEqual([500]);
    expect(logger.retries).toEqual([]);
  });

  test.each([408, 429])("a %i to a create is retried: the server did not act", async (status) => {
    const { server } = replay;
    server.addFault({ fault: { type: "status-sequence", statuses: [status] }, match: createKey });
    const { client } = replayClient(server);
    const { data } = await client.POST("/keys", { body: KEY_BODY });
    expect(data?.key).toBeTruthy();
    expect(server.requests.map((r) => r.status)).toEqual([status, 201]);
  });

  test("a refused connection is retried for a create too: nothing was sent", async () => {
    const { client, logger } = await refusedClient();
    const failure = await client.POST("/keys", { body: KEY_BODY }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "connection", retryable: true, delivery: "not_sent" });
    expect(logger.retries).toHaveLength(2);
  });

  test("a reset mid-body says the server answered", async () => {
    const { server } = replay;
    server.addFault({ fault: { type: "reset-mid-stream", afterBytes: 20 }, match: createKey });
    const { client } = replayClient(server);
    const failure = await client.POST("/keys", { body: KEY_BODY }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ retryable: false, delivery: "answered" });
    expect(server.requests).toHaveLength(1);
  });
});
