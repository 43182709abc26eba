import { OpenRouterError, RETRYABLE_STATUSES } from "@or/fetch";
import { describe, expect, it } from "vitest";
import {
  ChatStream,
  MessagesStream,
  ResponsesStream,
  StreamError,
  StreamParseError,
  statusOfCode,
  type ChatCompletion,
} from "../src/index.ts";
import { collect, streamOf } from "./support/byte-streams.ts";

const chunk = (fields: Record<string, unknown>) =>
  `data: ${JSON.stringify({ id: "gen-e", object: "chat.completion.chunk", created: 1, model: "m", ...fields })}\n\n`;
const content = (text: string) =>
  chunk({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });

async function failure(stream: AsyncIterable<unknown>): Promise<unknown> {
  return collect(stream).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("statusOfCode", () => {
  it.each([
    [502, 502],
    ["503", 503],
    ["server_error", 500],
    ["SERVER_ERROR", 500],
    ["rate_limit_exceeded", 429],
    ["rate_limit_error", 429],
    ["permission_error", 403],
    ["overloaded_error", 529],
    ["invalid_request_error", 400],
    ["timeout", 408],
    ["something_new", 500],
    ["constructor", 500],
    ["__proto__", 500],
    [42, 500],
    [undefined, 500],
    [null, 500],
  ] as [unknown, number][])("%s → %i", (code, status) => {
    expect(statusOfCode(code)).toBe(status);
  });
});

describe("mid-stream errors", () => {
  it("a top-level error is a StreamError: status from the code, message, metadata, partial", async () => {
    const body = [
      content("Hello"),
      chunk({
        error: {
          code: "rate_limit_exceeded",
          message: "Slow down.",
          metadata: { provider_name: "P" },
        },
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
      }),
      "data: [DONE]\n\n",
    ];
    const error = (await failure(
      ChatStream.fromReadableStream(streamOf(body), { accumulate: true }),
    )) as StreamError<ChatCompletion>;
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect(error.name).toBe("StreamError");
    expect(error.status).toBe(429);
    expect(error.code).toBe("rate_limit_exceeded");
    expect(error.message).toBe("429 Slow down.");
    expect(error.metadata).toEqual({ provider_name: "P" });
    expect(error.retryable).toBe(true);
    expect(error.partial!.choices[0]!.message.content).toBe("Hello");
  });

  it('finish_reason "error" without an error object is a StreamError too', async () => {
    const body = [
      content("Hel"),
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: "error" }] }),
    ];
    const error = (await failure(ChatStream.fromReadableStream(streamOf(body)))) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.status).toBe(500);
    expect(error.message).toContain('finish_reason "error"');
  });

  it("a non-retryable code is marked so", async () => {
    const body = [chunk({ error: { code: 400, message: "Context too long." }, choices: [] })];
    const error = (await failure(ChatStream.fromReadableStream(streamOf(body)))) as StreamError;
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
  });

  it.each([408, 409, 429, 500, 502, 503, 524, 529])(
    "code %i is retryable, as that status is for the client's requests",
    async (code) => {
      const body = [chunk({ error: { code, message: "Try again." }, choices: [] })];
      const error = (await failure(ChatStream.fromReadableStream(streamOf(body)))) as StreamError;
      expect(error.status).toBe(code);
      expect(error.retryable).toBe(true);
      expect(RETRYABLE_STATUSES).toContain(code);
    },
  );

  it("malformed JSON is a StreamParseError without the payload, and stops reading", async () => {
    const secret = '{"choices":[{"delta":{"content":"private words"}';
    const stream = ChatStream.fromReadableStream(
      streamOf([content("a"), `data: ${secret}\n\n`, content("b")]),
    );
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const c of stream) seen.push(c);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(StreamParseError);
    expect(String((error as Error).message)).not.toContain("private");
    expect(JSON.stringify(error)).not.toContain("private");
    expect((error as Error).stack).not.toContain("private");
    expect((error as Error).message).toContain(`${secret.length} characters`);
  });

  it("Responses: an error event and response.failed are StreamErrors", async () => {
    const failed = `data: ${JSON.stringify({
      type: "response.failed",
      sequence_number: 1,
      response: {
        id: "r",
        status: "failed",
        output: [],
        error: { code: "rate_limit_exceeded", message: "Later." },
      },
    })}\n\n`;
    const e1 = (await failure(
      ResponsesStream.fromReadableStream(streamOf([failed])),
    )) as StreamError;
    expect([e1.status, e1.code, e1.message]).toEqual([429, "rate_limit_exceeded", "429 Later."]);
    const event = `data: ${JSON.stringify({ type: "error", code: null, message: "Oops.", param: null, sequence_number: 0 })}\n\n`;
    const e2 = (await failure(
      ResponsesStream.fromReadableStream(streamOf([event])),
    )) as StreamError;
    expect([e2.status, e2.message]).toEqual([500, "500 Oops."]);
  });

  it("Messages: an error event is a StreamError typed by error.type", async () => {
    const event = `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "Busy." } })}\n\n`;
    const error = (await failure(
      MessagesStream.fromReadableStream(streamOf([event])),
    )) as StreamError;
    expect(error).toBeInstanceOf(StreamError);
    expect(error.code).toBe("rate_limit_error");
    expect(error.status).toBe(429);
    expect(error.message).toContain("Busy.");
  });
});
