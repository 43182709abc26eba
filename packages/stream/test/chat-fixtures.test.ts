import type { ChatStreamChunk } from "@or/types";
import { describe, expect, it } from "vitest";
import {
  StreamError,
  StreamTruncatedError,
  streamChat,
  type ChatCompletion,
  type ChatStream,
} from "../src/index.ts";
import {
  generationIdOf,
  recordedComments,
  recordedEvents,
  streamFixtures,
} from "./support/fixtures.ts";
import { fixtureHeaders, useReplayServer } from "./support/replay.ts";

const replay = useReplayServer();
const OP = "sendChatCompletionRequest";
const BODY = { model: "openai/gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };

/** Text of one field of one choice, concatenated straight from the recorded chunks. */
function recordedText(events: unknown[], field: "content" | "reasoning", index = 0): string {
  let text = "";
  for (const chunk of events as ChatStreamChunk[]) {
    for (const choice of chunk.choices ?? []) {
      const value = choice.index === index ? choice.delta?.[field] : undefined;
      if (typeof value === "string") text += value;
    }
  }
  return text;
}

type Outcome =
  | { ok: (completion: ChatCompletion, events: unknown[]) => void }
  | { fails: (error: unknown, events: unknown[]) => void };

const EXPECTED: Record<string, Outcome> = {
  "stream-text": {
    ok: (c, events) => {
      expect(c.choices[0]!.message.content).toBe(recordedText(events, "content"));
      expect(c.choices[0]!.finish_reason).toBe("stop");
      expect(c.usage?.total_tokens).toBe(43);
    },
  },
  "stream-crlf": {
    ok: (c) =>
      expect(c.choices[0]!.message.content).toBe(
        "Bread rises because yeast releases gas that the dough traps.",
      ),
  },
  "stream-utf8": {
    ok: (c, events) => {
      const text = recordedText(events, "content");
      expect(text).toContain("👩‍💻");
      expect(c.choices[0]!.message.content).toBe(text);
    },
  },
  "stream-long": {
    ok: (c, events) => {
      expect(events.length).toBeGreaterThan(240);
      expect(c.choices[0]!.message.content).toBe(recordedText(events, "content"));
    },
  },
  "stream-keepalive": { ok: (c) => expect(c.choices[0]!.finish_reason).toBe("stop") },
  "stream-reasoning": {
    ok: (c, events) => {
      const message = c.choices[0]!.message;
      expect(message.reasoning).toBe(recordedText(events, "reasoning"));
      expect(message.content).toBe("No. 221 = 13 × 17, so it is not prime.");
      // Fragments of one reasoning block (same type and index) are merged, signature included.
      expect(message.reasoning_details).toEqual([
        {
          type: "reasoning.text",
          format: "anthropic-claude-v1",
          index: 0,
          text: recordedText(events, "reasoning"),
          signature: "Rk9SIFRFU1RTIE9OTFk6IG5vdCBhIHJlYWwgc2lnbmF0dXJl",
        },
      ]);
      expect(c.choices[0]!.native_finish_reason).toBe("end_turn");
    },
  },
  "stream-tool-calls": {
    ok: (c) => {
      const choice = c.choices[0]!;
      expect(choice.finish_reason).toBe("tool_calls");
      expect(choice.message.content).toBeNull();
      expect(choice.message.tool_calls).toEqual([
        {
          id: "call_weather_7Hq2Lm9Xv4",
          type: "function",
          function: { name: "get_weather", arguments: '{"city": "Lisbon", "unit": "celsius"}' },
        },
        {
          id: "call_clock_3Tn8Pb6Zw1",
          type: "function",
          function: { name: "get_local_time", arguments: '{"timezone": "Europe/Lisbon"}' },
        },
      ]);
    },
  },
  // 2026 wire shape: the usage chunk repeats the finish reason with a non-empty choices array.
  "stream-text-final-usage": {
    ok: (c, events) => {
      expect(c.choices).toHaveLength(1);
      expect(c.choices[0]!.message.content).toBe(recordedText(events, "content"));
      expect(c.choices[0]!.finish_reason).toBe("stop");
      expect(c.usage?.total_tokens).toBe(33);
    },
  },
  "stream-tool-call-final-usage": {
    ok: (c) => {
      const choice = c.choices[0]!;
      expect(c.choices).toHaveLength(1);
      expect(choice.finish_reason).toBe("tool_calls");
      expect(choice.message.tool_calls).toEqual([
        {
          id: "call_Vh3nR8sK2mQ7wT1xZ5bL9pD4",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Lisbon","unit":"celsius"}' },
        },
      ]);
      expect(c.usage?.total_tokens).toBe(89);
    },
  },
  // 2025 wire shape: a stop chunk, then the usage chunk with finish_reason null.
  "stream-finish-then-usage": {
    ok: (c) => {
      expect(c.choices[0]!.message.content).toBe("Green, often with a yellow blush.");
      expect(c.choices[0]!.finish_reason).toBe("stop");
      expect(c.usage?.total_tokens).toBe(87);
    },
  },
  "stream-multi-choice": {
    ok: (c, events) => {
      expect(c.choices.map((choice) => choice.index)).toEqual([0, 1]);
      expect(c.choices.map((choice) => choice.finish_reason)).toEqual(["stop", "length"]);
      expect(c.choices[1]!.message.content).toBe(recordedText(events, "content", 1));
      expect(c.choices[1]!.message.content).toBe("Maybe Smokey, or perhaps");
    },
  },
  "stream-no-finish-reason": {
    ok: (c) => {
      expect(c.choices[0]!.finish_reason).toBeNull();
      expect(c.choices[0]!.message.content).toBe("Rivers carve valleys over thousands of years.");
      expect(c.usage?.total_tokens).toBe(23);
    },
  },
  "stream-finish-no-done": {
    ok: (c) => {
      expect(c.choices[0]!.finish_reason).toBe("stop");
      expect(c.usage?.total_tokens).toBe(22);
    },
  },
  "stream-after-done": {
    ok: (c) => {
      expect(c.choices[0]!.message.content).not.toContain("IGNORED");
      expect(c.usage?.completion_tokens).not.toBe(99);
    },
  },
  "stream-truncated": {
    fails: (error) => {
      expect(error).toBeInstanceOf(StreamTruncatedError);
      const partial = (error as StreamTruncatedError<ChatCompletion>).partial!;
      expect(partial.choices[0]!.message.content).toBe(
        "The recipe needs two cups of flour, one egg, and",
      );
      expect(partial.choices[0]!.finish_reason).toBeNull();
    },
  },
  "stream-error-string-code": {
    fails: (error) => {
      expect(error).toBeInstanceOf(StreamError);
      const e = error as StreamError<ChatCompletion>;
      expect(e.kind).toBe("stream_error");
      expect(e.code).toBe("server_error");
      expect(e.status).toBe(500);
      expect(e.retryable).toBe(true);
      expect(e.message).toContain("The provider closed the connection");
      expect(e.generationId).toBe("gen-1767225900-Ty6nHc2WqE9vLp4XsJbK");
      expect(e.partial!.choices[0]!.message.content).toBe(
        "The three primary colours of light are red,",
      );
      expect(e.partial!.choices[0]!.finish_reason).toBe("error");
    },
  },
  "stream-error-numeric-code": {
    fails: (error) => {
      expect(error).toBeInstanceOf(StreamError);
      const e = error as StreamError<ChatCompletion>;
      expect(e.code).toBe(502);
      expect(e.status).toBe(502);
      expect(e.metadata).toEqual({
        error_type: "provider_unavailable",
        provider_code: "bad_gateway",
      });
      expect(e.partial!.choices[0]!.message.content).toBe(
        "Tides are caused mostly by the pull of the Moon",
      );
    },
  },
};

/** Iterates with accumulation on; returns the chunks, the comments and how it ended. */
async function run(stream: ChatStream, comments: string[]) {
  const chunks: unknown[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, comments, completion: await stream.finalCompletion() };
  } catch (error) {
    return { chunks, comments, error };
  }
}

describe("every chat stream fixture through streamChat", () => {
  const fixtures = streamFixtures(OP);

  it("has an expectation for every recorded stream fixture", () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (name, f) => {
    const comments: string[] = [];
    const stream = await streamChat(replay.client, BODY, {
      headers: fixtureHeaders(`${OP}/${name}`),
      accumulate: true,
      onComment: (c) => comments.push(c),
    });
    expect(stream.generationId).toBe(generationIdOf(f));
    expect(stream.response?.status).toBe(200);
    const result = await run(stream, comments);
    const events = recordedEvents(f);
    const expected = EXPECTED[name]!;
    // Every chunk arrives exactly as recorded (unknown fields untouched), up to [DONE] or the error.
    expect(result.chunks).toEqual(
      "ok" in expected ? events : events.filter((e) => !(e as { error?: unknown }).error),
    );
    expect(result.comments).toEqual(recordedComments(f));
    if ("ok" in expected) {
      expect(result.error).toBeUndefined();
      expect(result.completion!.id).toBe(generationIdOf(f));
      expect(result.completion!.object).toBe("chat.completion");
      expect(result.completion!.provider).toBe((events[0] as { provider: string }).provider);
      expected.ok(result.completion!, events);
    } else {
      expect(result.error).toBeDefined();
      expected.fails(result.error, events);
      // finalCompletion() reports the same failure.
      await expect(stream.finalCompletion()).rejects.toBe(result.error);
    }
    // The request went out as a stream.
    expect((replay.server.requests[0]!.body as { stream?: boolean }).stream).toBe(true);
  });
});
