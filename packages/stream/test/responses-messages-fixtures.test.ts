import type { MessagesResult, OpenResponsesResult } from "@or/types";
import { describe, expect, it } from "vitest";
import {
  sseEvents,
  StreamError,
  streamMessages,
  streamResponse,
  type MessagesStream,
  type ResponsesStream,
} from "../src/index.ts";
import { collect } from "./support/byte-streams.ts";
import { generationIdOf, recordedEvents, streamFixtures } from "./support/fixtures.ts";
import { fixtureHeaders, useReplayServer } from "./support/replay.ts";

const replay = useReplayServer();

type Outcome<Final> =
  | { ok: (final: Final, text: string) => void }
  | { fails: (error: StreamError<Final>) => void };

const isFailure = (event: unknown) =>
  ["error", "response.failed"].includes((event as { type: string }).type);

const RESPONSES: Record<string, Outcome<OpenResponsesResult>> = {
  "stream-text": {
    ok: (response, text) => {
      expect(response.status).toBe("completed");
      expect(text).toBe("Red, amber and gold.");
      expect(response.usage).toBeDefined();
    },
  },
  "stream-function-call": {
    ok: (response) => {
      expect(response.output).toEqual([
        expect.objectContaining({
          type: "function_call",
          call_id: "call_weather_2Gk7Ns4Pw",
          name: "get_weather",
          arguments: '{"city": "Porto", "unit": "celsius"}',
        }),
      ]);
    },
  },
  "stream-reasoning": {
    ok: (response, text) => {
      expect((response.output as { type: string }[]).map((item) => item.type)).toEqual([
        "reasoning",
        "message",
      ]);
      expect(text.length).toBeGreaterThan(0);
    },
  },
  "stream-failed": {
    fails: (error) => {
      expect(error.code).toBe("server_error");
      expect(error.status).toBe(500);
      expect(error.message).toContain("stopped responding");
      expect(error.partial!.status).toBe("failed");
      expect(JSON.stringify(error.partial!.output)).toContain("The longest suspension bridges");
    },
  },
  "stream-error": {
    fails: (error) => {
      expect(error.code).toBe("server_error");
      expect(error.status).toBe(500);
      // Assembled from the events that came before the error.
      const message = (error.partial!.output as { content: { text: string }[] }[])[0]!;
      expect(message.content[0]!.text).toBe("The Moon");
      expect(error.partial!.id).toBe("gen-1767229440-Ry3nKc7VtG9wDs2LhXmB");
    },
  },
};

const MESSAGES: Record<string, Outcome<MessagesResult>> = {
  "stream-text": {
    ok: (message, text) => {
      expect(text).toBe("Water only when the top few centimetres of soil feel dry.");
      expect(message.stop_reason).toBe("end_turn");
      expect(message.usage.output_tokens).toBe(7);
      expect(message.id).toBe("msg_houseplant_7Jt3Wq9Lb");
    },
  },
  "stream-thinking": {
    ok: (message, text) => {
      expect(message.content[0]).toEqual({
        type: "thinking",
        thinking: "221 is odd and not a multiple of 3 or 5. Try 13: 13 × 17 = 221.",
        signature: "Rk9SIFRFU1RTIE9OTFk6IG5vdCBhIHJlYWwgc2lnbmF0dXJl",
      });
      expect(text).toBe("No: 221 = 13 × 17.");
    },
  },
  "stream-tool-use": {
    ok: (message, text) => {
      expect(message.stop_reason).toBe("tool_use");
      expect(text).toBe("I'll check the forecast for Porto.");
      expect(message.content[1]).toMatchObject({
        type: "tool_use",
        id: "toolu_weather_6Hn1Ts4Yc",
        name: "get_weather",
        input: { city: "Porto", unit: "celsius" },
      });
    },
  },
  "stream-error": {
    fails: (error) => {
      expect(error.code).toBe("overloaded_error");
      expect(error.status).toBe(529);
      expect(error.retryable).toBe(true);
      expect(error.partial!.content).toEqual([
        { type: "text", text: "Glaciers move because their own weight", citations: null },
      ]);
    },
  },
};

async function check<Final>(
  stream: ResponsesStream | MessagesStream,
  final: () => Promise<Final>,
  expected: Outcome<Final>,
  events: unknown[],
): Promise<void> {
  const seen: unknown[] = [];
  let failure: unknown;
  try {
    for await (const event of stream as AsyncIterable<unknown>) seen.push(event);
  } catch (error) {
    failure = error;
  }
  expect(seen).toEqual(events.filter((e) => !isFailure(e)));
  if ("ok" in expected) {
    expect(failure).toBeUndefined();
    expected.ok(await final(), await stream.finalText());
  } else {
    expect(failure).toBeInstanceOf(StreamError);
    expected.fails(failure as StreamError<Final>);
    await expect(final()).rejects.toBe(failure);
  }
}

describe("every Responses stream fixture through streamResponse", () => {
  const fixtures = streamFixtures("createResponses");

  it("has an expectation for every recorded stream fixture", () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(RESPONSES).sort());
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (name, f) => {
    const stream = await streamResponse(
      replay.client,
      { model: "openai/gpt-4o", input: "Hi" },
      { headers: fixtureHeaders(`createResponses/${name}`), accumulate: true },
    );
    expect(stream.generationId).toBe(generationIdOf(f));
    await check(stream, () => stream.finalResponse(), RESPONSES[name]!, recordedEvents(f));
  });
});

describe("every Messages stream fixture through streamMessages", () => {
  const fixtures = streamFixtures("createMessages");

  it("has an expectation for every recorded stream fixture", () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (name, f) => {
    const stream = await streamMessages(
      replay.client,
      {
        model: "anthropic/claude-sonnet-4",
        max_tokens: 256,
        messages: [{ role: "user", content: "Hi" }],
      },
      { headers: fixtureHeaders(`createMessages/${name}`), accumulate: true },
    );
    expect(stream.generationId).toBe(generationIdOf(f));
    await check(stream, () => stream.finalMessage(), MESSAGES[name]!, recordedEvents(f));
  });

  it("keeps the SSE event names of the Messages format on the wire", async () => {
    const { response } = await (replay.client.POST as Function)("/messages", {
      body: { model: "anthropic/claude-sonnet-4", max_tokens: 256, messages: [], stream: true },
      headers: fixtureHeaders("createMessages/stream-text"),
      parseAs: "stream",
    });
    const all = await collect(sseEvents(response.body));
    // OpenRouter ends Messages streams with `event: data` / `data: [DONE]`, as the fixture does.
    expect(all.at(-1)).toMatchObject({ event: "data", data: "[DONE]" });
    const events = all.slice(0, -1);
    expect(events.map((e) => e.event)).toEqual(events.map((e) => JSON.parse(e.data).type));
  });
});

describe("image stream fixtures through sseEvents", () => {
  it.each(streamFixtures("createImages").map((f) => [f.name, f] as const))(
    "%s",
    async (name, f) => {
      const { response } = await (replay.client.POST as Function)("/images", {
        body: { model: "openai/gpt-image-1", prompt: "a square", stream: true },
        headers: fixtureHeaders(`createImages/${name}`),
        parseAs: "stream",
      });
      const events = await collect(sseEvents(response.body));
      const data = events.map((e) => e.data).filter((d) => d !== "[DONE]");
      expect(data.map((d) => JSON.parse(d))).toEqual(recordedEvents(f));
    },
  );
});
