// The shipped fixtures tell one story where they refer to each other: the generation a chat
// answer names (X-Generation-Id) is the one GET /generation and GET /generation/content serve,
// so the "fetch the generation of a chat" example works against the replay server.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startReplayServer, type ReplayServer } from "../src/replay-server";
import { AUTH } from "./replay-client";

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer({ record: false });
});
afterAll(() => server.close());

const chatBody = {
  model: "openai/gpt-4o-mini",
  messages: [{ role: "user", content: "Which planet has the shortest year?" }],
};

async function chat() {
  const res = await fetch(`${server.url}/chat/completions`, {
    method: "POST",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify(chatBody),
  });
  expect(res.status).toBe(200);
  return { id: res.headers.get("x-generation-id"), body: await res.json() };
}

describe("the chat fixture's generation", () => {
  test("is served by the generation fixture, and describes that chat", async () => {
    const answer = await chat();
    expect(answer.id).toBe(answer.body.id);
    const res = await fetch(`${server.url}/generation?id=${encodeURIComponent(answer.id!)}`, {
      headers: AUTH,
    });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.id).toBe(answer.id);
    expect(data.model).toBe(answer.body.model);
    expect(data.provider_name).toBe(answer.body.provider);
    expect([data.native_tokens_prompt, data.native_tokens_completion]).toEqual([
      answer.body.usage.prompt_tokens,
      answer.body.usage.completion_tokens,
    ]);
    expect(data.total_cost).toBe(answer.body.usage.cost);
    expect(Math.floor(Date.parse(data.created_at) / 1000)).toBe(answer.body.created);
  });

  test("its stored content is that chat's prompt and answer", async () => {
    const answer = await chat();
    const res = await fetch(`${server.url}/generation/content?id=${answer.id}`, { headers: AUTH });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.output.completion).toBe(answer.body.choices[0].message.content);
    expect(data.input.messages.at(-1)).toEqual(chatBody.messages[0]);
  });
});
