// The SSE stream fixtures: each required one exists and shows the case it is named after.
// Stream tests in other packages pick these by `x-or-fixture: <operationId>/<name>`.
import { describe, expect, test } from "vitest";
import type { Fixture, SseItem } from "../src/fixture-format";
import { fixtureKey, loadFixtures } from "../src/fixtures";

type Json = Record<string, any>;
type DataItem = Extract<SseItem, { data: unknown }>;

const DONE = "[DONE]";
const CHAT = "sendChatCompletionRequest";

const REQUIRED: Record<string, string[]> = {
  [CHAT]: [
    "stream-text",
    "stream-keepalive",
    "stream-multi-choice",
    "stream-tool-calls",
    "stream-reasoning",
    "stream-error-string-code",
    "stream-error-numeric-code",
    "stream-no-finish-reason",
    "stream-crlf",
    "stream-utf8",
    "stream-truncated",
    "stream-finish-no-done",
    "stream-after-done",
    "stream-long",
  ],
  createResponses: [
    "stream-text",
    "stream-function-call",
    "stream-reasoning",
    "stream-failed",
    "stream-error",
  ],
  createMessages: ["stream-text", "stream-tool-use", "stream-thinking", "stream-error"],
  createImages: ["stream-text", "stream-error", "stream-svg"],
};

/** Chat streams that finish normally: one usage chunk right before `[DONE]`. */
const NORMAL_CHAT = [
  "stream-text",
  "stream-keepalive",
  "stream-multi-choice",
  "stream-tool-calls",
  "stream-reasoning",
  "stream-no-finish-reason",
  "stream-crlf",
  "stream-utf8",
  "stream-after-done",
  "stream-long",
];

const all = loadFixtures();
const byKey = new Map(all.map((f) => [fixtureKey(f), f]));
const streams = all.filter((f) => f.name.startsWith("stream-") && f.response.sse !== undefined);
const requiredKeys = Object.entries(REQUIRED).flatMap(([op, names]) =>
  names.map((n) => `${op}/${n}`),
);

function get(key: string): Fixture {
  const found = byKey.get(key);
  if (!found) throw new Error(`fixture ${key} is missing`);
  return found;
}

const sse = (key: string): SseItem[] => get(key).response.sse ?? [];
const isData = (item: SseItem): item is DataItem => "data" in item;
const isDone = (item: SseItem) => isData(item) && item.data === DONE;

/** The JSON events of a stream, stopping at the first `[DONE]` as a client does. */
function events(key: string): Json[] {
  const items = sse(key);
  const done = items.findIndex(isDone);
  return (done < 0 ? items : items.slice(0, done))
    .filter(isData)
    .map((item) => item.data)
    .filter((data): data is Json => typeof data === "object" && data !== null);
}

const chatChoices = (key: string): Json[] => events(key).flatMap((chunk) => chunk.choices);
const chatText = (key: string) =>
  chatChoices(key)
    .map((c) => c.delta.content ?? "")
    .join("");
const usageChunks = (key: string) => events(key).filter((chunk) => chunk.usage !== undefined);

describe("every required stream fixture", () => {
  test.each(requiredKeys)("%s is a stream request answered with an event stream", (key) => {
    const { request, response } = get(key);
    expect(request.method).toBe("POST");
    expect(request.headers?.authorization).toBe("Bearer <redacted:api-key>");
    expect((request.body as Json).stream).toBe(true);
    expect(request.bodyMatch).toEqual({ stream: true });
    expect(request.explicit ?? false).toBe(!key.endsWith("/stream-text"));
    expect(response.status).toBe(200);
    expect(response.headers?.["content-type"]).toBe("text/event-stream");
    expect(response.headers?.["x-generation-id"]).toMatch(/^gen-/);
    expect(response.sse?.filter(isData).length).toBeGreaterThan(0);
  });

  test("each operation has exactly one default (non-explicit) stream fixture", () => {
    for (const op of Object.keys(REQUIRED)) {
      const defaults = streams.filter((f) => f.operationId === op && !f.request.explicit);
      expect(
        defaults.map((f) => f.name),
        op,
      ).toEqual(["stream-text"]);
    }
  });
});

describe(`${CHAT} streams`, () => {
  test.each(NORMAL_CHAT)(
    "%s has exactly one usage chunk, empty choices, just before [DONE]",
    (name) => {
      const key = `${CHAT}/${name}`;
      const items = sse(key);
      const done = items.findIndex(isDone);
      expect(done).toBeGreaterThan(0);
      expect(usageChunks(key)).toHaveLength(1);
      const last = items[done - 1] as DataItem;
      const { choices, usage } = last.data as Json;
      expect(choices).toEqual([]);
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
      expect(typeof usage.cost).toBe("number");
      expect(usage.prompt_tokens_details).toBeTypeOf("object");
      expect(usage.completion_tokens_details).toBeTypeOf("object");
    },
  );

  test("stream-text: role on the first delta, content deltas, then stop with a native reason", () => {
    const choices = chatChoices(`${CHAT}/stream-text`);
    expect(choices[0]?.delta.role).toBe("assistant");
    expect(choices.filter((c) => c.delta.content).length).toBeGreaterThanOrEqual(3);
    const final = choices.at(-1);
    expect(final?.finish_reason).toBe("stop");
    expect(final?.native_finish_reason).toBeTruthy();
  });

  test("stream-keepalive: several comments, with delays, before the first data item", () => {
    const items = sse(`${CHAT}/stream-keepalive`);
    const first = items.findIndex(isData);
    expect(first).toBeGreaterThanOrEqual(2);
    for (const item of items.slice(0, first)) {
      expect(item).toMatchObject({ comment: "OPENROUTER PROCESSING" });
      expect(item.delayMs).toBeGreaterThan(0);
    }
  });

  test("stream-multi-choice: choices 0 and 1 interleave and each gets a finish reason", () => {
    const choices = chatChoices(`${CHAT}/stream-multi-choice`);
    const order = choices.map((c) => c.index);
    expect(new Set(order)).toEqual(new Set([0, 1]));
    expect(order.slice(0, 3)).toEqual([0, 1, 0]);
    for (const index of [0, 1]) {
      const finishes = choices.filter((c) => c.index === index && c.finish_reason);
      expect(finishes, `choice ${index}`).toHaveLength(1);
    }
  });

  test("stream-tool-calls: two calls whose split, interleaved arguments join into JSON", () => {
    const key = `${CHAT}/stream-tool-calls`;
    const calls = chatChoices(key).flatMap((c) => c.delta.tool_calls ?? []);
    const fragmentOrder = calls.filter((c) => c.function?.arguments).map((c) => c.index);
    expect(fragmentOrder.slice(0, 3)).toEqual([0, 1, 0]);
    for (const index of [0, 1]) {
      const mine = calls.filter((c) => c.index === index);
      expect(mine.filter((c) => c.id).length, `ids of ${index}`).toBe(1);
      expect(mine.filter((c) => c.type).length, `types of ${index}`).toBe(1);
      expect(mine.filter((c) => c.function?.name).length, `names of ${index}`).toBe(1);
      const fragments = mine.map((c) => c.function?.arguments ?? "").filter(Boolean);
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(fragments.join(""))).toBeTypeOf("object");
    }
    expect(chatChoices(key).at(-1)?.finish_reason).toBe("tool_calls");
  });

  test("stream-reasoning: reasoning and reasoning_details come before the content", () => {
    const choices = chatChoices(`${CHAT}/stream-reasoning`);
    const firstReasoning = choices.findIndex((c) => c.delta.reasoning);
    const firstContent = choices.findIndex((c) => c.delta.content);
    expect(firstReasoning).toBeGreaterThanOrEqual(0);
    expect(firstContent).toBeGreaterThan(firstReasoning);
    const details = choices.flatMap((c) => c.delta.reasoning_details ?? []);
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) expect(detail.type).toMatch(/^reasoning\./);
  });

  test.each([
    ["stream-error-string-code", "string"],
    ["stream-error-numeric-code", "number"],
  ])(
    "%s: a %s error code ends the stream, with finish_reason 'error' and no usage",
    (name, type) => {
      const key = `${CHAT}/${name}`;
      const chunks = events(key);
      const error = chunks.at(-1);
      expect(typeof error?.error?.code).toBe(type);
      expect(error?.error?.message).toBeTruthy();
      expect(error?.choices[0]?.finish_reason).toBe("error");
      expect(chunks.slice(0, -1).some((c) => c.error)).toBe(false);
      expect(usageChunks(key)).toHaveLength(0);
    },
  );

  test("stream-error-numeric-code: the error carries metadata", () => {
    const error = events(`${CHAT}/stream-error-numeric-code`).at(-1)?.error;
    expect(error?.code).toBe(502);
    expect(error?.metadata).toBeTypeOf("object");
  });

  test("stream-no-finish-reason: the last content chunk has no finish_reason key", () => {
    const choices = chatChoices(`${CHAT}/stream-no-finish-reason`);
    expect(choices.at(-1)?.delta.content).toBeTruthy();
    expect(Object.keys(choices.at(-1) ?? {})).not.toContain("finish_reason");
    expect(choices.some((c) => c.finish_reason)).toBe(false);
  });

  test("stream-crlf is written with CRLF; the others with the default", () => {
    for (const f of streams) {
      const expected = f.name === "stream-crlf" ? "\r\n" : undefined;
      expect(f.response.lineEnding, fixtureKey(f)).toBe(expected);
    }
  });

  test("stream-utf8: 2-, 3- and 4-byte characters and a ZWJ sequence split across deltas", () => {
    const key = `${CHAT}/stream-utf8`;
    const points = [...chatText(key)].map((c) => c.codePointAt(0) ?? 0);
    expect(points.some((p) => p >= 0x80 && p < 0x800)).toBe(true);
    expect(points.some((p) => p >= 0x800 && p < 0x10000)).toBe(true);
    expect(points.some((p) => p >= 0x10000)).toBe(true);
    expect(chatText(key)).toContain("\u{1F469}\u200D\u{1F4BB}");
    const deltas = chatChoices(key).map((c) => c.delta.content ?? "");
    expect(deltas.some((d) => d.startsWith("\u200D"))).toBe(true);
  });

  test("stream-truncated: content, then nothing: no finish reason, usage or [DONE]", () => {
    const key = `${CHAT}/stream-truncated`;
    expect(sse(key).some(isDone)).toBe(false);
    expect(usageChunks(key)).toHaveLength(0);
    expect(chatChoices(key).some((c) => c.finish_reason)).toBe(false);
    expect(chatText(key)).not.toBe("");
  });

  test("stream-finish-no-done: stop and usage arrive, [DONE] does not", () => {
    const key = `${CHAT}/stream-finish-no-done`;
    expect(sse(key).some(isDone)).toBe(false);
    expect(chatChoices(key).at(-1)?.finish_reason).toBe("stop");
    expect(events(key).at(-1)?.choices).toEqual([]);
    expect(usageChunks(key)).toHaveLength(1);
  });

  test("stream-after-done: items follow [DONE] and their text is not part of the answer", () => {
    const key = `${CHAT}/stream-after-done`;
    const items = sse(key);
    const after = items.slice(items.findIndex(isDone) + 1).filter(isData);
    expect(after.length).toBeGreaterThan(1);
    expect(JSON.stringify(after)).toContain("IGNORED AFTER DONE");
    expect(chatText(key)).not.toContain("IGNORED AFTER DONE");
  });

  test("stream-long: at least 200 content chunks", () => {
    const contentChunks = chatChoices(`${CHAT}/stream-long`).filter((c) => c.delta.content);
    expect(contentChunks.length).toBeGreaterThanOrEqual(200);
  });
});

describe("createResponses streams", () => {
  const names = REQUIRED.createResponses ?? [];
  const types = (name: string) => events(`createResponses/${name}`).map((e) => e.type as string);
  const ofType = (name: string, type: string) =>
    events(`createResponses/${name}`).filter((e) => e.type === type);

  test.each(names)("%s: sequence_number increases strictly", (name) => {
    const numbers = events(`createResponses/${name}`).map((e) => e.sequence_number as number);
    expect(numbers.length).toBeGreaterThan(2);
    numbers.slice(1).forEach((n, i) => expect(n).toBeGreaterThan(numbers[i] ?? Infinity));
  });

  test("stream-text: the events in order, deltas joining into the done text, usage at the end", () => {
    const collapsed = types("stream-text").filter((t, i, all) => t !== all[i - 1]);
    expect(collapsed).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const deltas = ofType("stream-text", "response.output_text.delta").map((e) => e.delta);
    expect(deltas.length).toBeGreaterThanOrEqual(3);
    expect(ofType("stream-text", "response.output_text.done")[0]?.text).toBe(deltas.join(""));
    expect(ofType("stream-text", "response.completed")[0]?.response.usage).toBeTypeOf("object");
    expect(sse("createResponses/stream-text").at(-1)).toEqual({ data: DONE });
  });

  test("stream-function-call: split argument deltas join into the done arguments", () => {
    const deltas = ofType("stream-function-call", "response.function_call_arguments.delta");
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    const joined = deltas.map((e) => e.delta).join("");
    expect(
      ofType("stream-function-call", "response.function_call_arguments.done")[0]?.arguments,
    ).toBe(joined);
    expect(JSON.parse(joined)).toBeTypeOf("object");
  });

  test("stream-reasoning: reasoning deltas come before the answer's text deltas", () => {
    const all = types("stream-reasoning");
    expect(all.indexOf("response.reasoning_text.delta")).toBeGreaterThanOrEqual(0);
    expect(all.indexOf("response.output_text.delta")).toBeGreaterThan(
      all.lastIndexOf("response.reasoning_text.delta"),
    );
  });

  test("stream-failed: ends in response.failed, never completed", () => {
    const failed = ofType("stream-failed", "response.failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.response.status).toBe("failed");
    expect(types("stream-failed")).not.toContain("response.completed");
  });

  test("stream-error: ends in an error event, never completed", () => {
    const last = events("createResponses/stream-error").at(-1);
    expect(last?.type).toBe("error");
    expect(last?.message).toBeTruthy();
    expect(types("stream-error")).not.toContain("response.completed");
  });
});

describe("createMessages streams", () => {
  const names = REQUIRED.createMessages ?? [];
  const named = (name: string) => sse(`createMessages/${name}`).filter(isData);
  const deltas = (name: string, type: string) =>
    events(`createMessages/${name}`)
      .filter((e) => e.type === "content_block_delta" && e.delta.type === type)
      .map((e) => e.delta);

  test.each(names)("%s: every event is named after its data type", (name) => {
    for (const item of named(name).filter((i) => !isDone(i))) {
      expect(item.event).toBe((item.data as Json).type);
    }
  });

  test("stream-text: the named events in order", () => {
    const order = named("stream-text")
      .filter((item) => !isDone(item))
      .map((item) => item.event)
      .filter((t, i, all) => t !== all[i - 1]);
    expect(order).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(deltas("stream-text", "text_delta").length).toBeGreaterThanOrEqual(3);
    const messageDelta = events("createMessages/stream-text").find(
      (e) => e.type === "message_delta",
    );
    expect(messageDelta?.delta.stop_reason).toBe("end_turn");
    expect(messageDelta?.usage.output_tokens).toBeGreaterThan(0);
  });

  test("stream-tool-use: partial_json fragments join into the tool input", () => {
    const fragments = deltas("stream-tool-use", "input_json_delta").map((d) => d.partial_json);
    expect(fragments.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(fragments.join(""))).toBeTypeOf("object");
    const messageDelta = events("createMessages/stream-tool-use").find(
      (e) => e.type === "message_delta",
    );
    expect(messageDelta?.delta.stop_reason).toBe("tool_use");
  });

  test("stream-thinking: thinking deltas, then a signature, in the same block", () => {
    const blockDeltas = events("createMessages/stream-thinking").filter(
      (e) => e.type === "content_block_delta" && e.index === 0,
    );
    const kinds = blockDeltas.map((e) => e.delta.type);
    expect(kinds.filter((k) => k === "thinking_delta").length).toBeGreaterThanOrEqual(1);
    expect(kinds.at(-1)).toBe("signature_delta");
  });

  test("stream-error: an error event ends the stream before message_stop", () => {
    const order = named("stream-error").map((item) => item.event);
    expect(order.at(-1)).toBe("error");
    expect(order).not.toContain("message_stop");
  });
});

describe("createImages streams", () => {
  test("stream-text: partial images, the completed image, then [DONE]", () => {
    const types = events("createImages/stream-text").map((e) => e.type);
    expect(types.filter((t) => t === "image_generation.partial_image").length).toBeGreaterThan(0);
    expect(types.at(-1)).toBe("image_generation.completed");
    expect(sse("createImages/stream-text").at(-1)).toEqual({ data: DONE });
  });

  test("stream-error: ends in an error event", () => {
    const last = events("createImages/stream-error").at(-1);
    expect(last?.type).toBe("error");
    expect(last?.error.message).toBeTruthy();
  });

  test("stream-svg: text chunks of every phase; the completed image is the content text", () => {
    const all = events("createImages/stream-svg");
    const chunks = all.filter((e) => e.type === "image_generation.text_chunk");
    expect(new Set(chunks.map((e) => e.phase))).toEqual(new Set(["reasoning", "draft", "content"]));
    const content = chunks
      .filter((e) => e.phase === "content")
      .map((e) => e.text)
      .join("");
    const completed = all.at(-1)!;
    expect(completed.type).toBe("image_generation.completed");
    expect(completed.media_type).toBe("image/svg+xml");
    expect(atob(completed.b64_json)).toBe(content);
    expect(sse("createImages/stream-svg").at(-1)).toEqual({ data: DONE });
  });

  test("buffered-stream: asked to stream, answered with the whole result as JSON", () => {
    const f = get("createImages/buffered-stream");
    expect(f.request.body).toMatchObject({ stream: true });
    expect(f.response.sse).toBeUndefined();
    expect(f.response.headers?.["content-type"]).toBe("application/json");
    expect((f.response.body as Json).data.length).toBeGreaterThan(1);
  });
});
