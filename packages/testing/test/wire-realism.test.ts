// The stream fixtures look like what OpenRouter really sends (facts learned from real recordings
// and written down in our own words; the recordings themselves are never copied here).
import { describe, expect, test } from "vitest";
import type { Fixture, SseItem } from "../src/fixture-format";
import { fixtureKey, loadFixtures } from "../src/fixtures";

type Json = Record<string, any>;
type DataItem = Extract<SseItem, { data: unknown }>;

const all = loadFixtures();
const streams = all.filter((f) => f.response.sse !== undefined);
const ofOperation = (op: string) => streams.filter((f) => f.operationId === op);
const get = (key: string) => all.find((f) => fixtureKey(f) === key) as Fixture;
const items = (f: Fixture) => f.response.sse ?? [];
const isData = (item: SseItem): item is DataItem => "data" in item;
const isDone = (item: SseItem) => isData(item) && item.data === "[DONE]";
const chunks = (f: Fixture) =>
  items(f)
    .filter(isData)
    .map((i) => i.data)
    .filter((d): d is Json => typeof d === "object" && d !== null);
const CHAT = "sendChatCompletionRequest";

/** `gen-<unix seconds>-<20 letters and digits>`, as generation ids are. */
const GENERATION_ID = /^gen-(\d{10})-[A-Za-z0-9]{20}$/;

describe("ids and fields as they really look", () => {
  test.each(ofOperation(CHAT).map((f) => [f.name, f] as const))(
    "%s: every chunk carries the generation id of the header, created at its time",
    (_, f) => {
      const id = f.response.headers?.["x-generation-id"];
      const [, seconds] = GENERATION_ID.exec(id ?? "") ?? [];
      expect(seconds, `${id} is not gen-<time>-<20 characters>`).toBeDefined();
      for (const chunk of chunks(f)) {
        expect(chunk.id).toBe(id);
        expect(chunk.object).toBe("chat.completion.chunk");
        expect(chunk.created).toBe(Number(seconds));
        expect(typeof chunk.provider).toBe("string");
      }
    },
  );

  test.each(ofOperation("createResponses").map((f) => [f.name, f] as const))(
    "%s: no event: lines, a keep-alive first, usage null until the response is done",
    (_, f) => {
      expect(items(f)[0]).toEqual({ comment: "OPENROUTER PROCESSING" });
      for (const item of items(f).filter(isData)) expect(item.event).toBeUndefined();
      const early = chunks(f).filter((e) =>
        ["response.created", "response.in_progress"].includes(e.type),
      );
      expect(early).toHaveLength(2);
      for (const event of early) expect(event.response.usage).toBeNull();
      expect(GENERATION_ID.test(early[0]!.response.id)).toBe(true);
    },
  );

  test("a streamed reasoning item announces and closes its reasoning_text part", () => {
    const events = chunks(get("createResponses/stream-reasoning"));
    const parts = events
      .filter((e) => e.type.startsWith("response.content_part."))
      .map((e) => `${e.type} ${e.part.type}`);
    expect(parts).toEqual([
      "response.content_part.added reasoning_text",
      "response.content_part.done reasoning_text",
      "response.content_part.added output_text",
      "response.content_part.done output_text",
    ]);
    const done = events.find((e) => e.type === "response.reasoning_text.done");
    const partDone = events.find((e) => e.type === "response.content_part.done");
    expect(done?.text).toMatch(/composite/);
    expect(partDone?.part.text).toBe(done?.text);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  });

  test.each(["stream-text", "stream-thinking", "stream-tool-use"])(
    "createMessages/%s ends with event: data / data: [DONE]",
    (name) => {
      const last = items(get(`createMessages/${name}`)).at(-1);
      expect(last).toEqual({ event: "data", data: "[DONE]" });
    },
  );
});

describe("where finish reasons and usage appear", () => {
  /** The usage chunk, the chunk before it and what follows it. */
  function ending(name: string) {
    const f = get(`${CHAT}/${name}`);
    const data = items(f).filter(isData);
    const usageAt = data.findIndex((i) => (i.data as Json).usage);
    return {
      usage: data[usageAt]!.data as Json,
      finish: data[usageAt - 1]!.data as Json,
      after: data.slice(usageAt + 1),
    };
  }

  test.each([
    ["stream-text-final-usage", "stop"],
    ["stream-tool-call-final-usage", "tool_calls"],
  ])(
    "%s (2026): the usage chunk repeats the finish reason in a non-empty choices array",
    (name, reason) => {
      const { usage, finish, after } = ending(name);
      expect(finish.choices[0]).toMatchObject({
        finish_reason: reason,
        native_finish_reason: reason,
      });
      expect(usage.choices).toHaveLength(1);
      expect(usage.choices[0]).toMatchObject({
        index: 0,
        delta: { role: "assistant", content: "" },
        finish_reason: reason,
        native_finish_reason: reason,
      });
      expect(usage).toHaveProperty("service_tier", null);
      expect(usage.usage.total_tokens).toBe(
        usage.usage.prompt_tokens + usage.usage.completion_tokens,
      );
      expect(after).toEqual([{ data: "[DONE]" }]);
    },
  );

  test("stream-finish-then-usage (2025): a stop chunk, then usage with finish_reason null", () => {
    const { usage, finish, after } = ending("stream-finish-then-usage");
    expect(finish.choices[0].finish_reason).toBe("stop");
    expect(usage.choices).toHaveLength(1);
    expect(usage.choices[0].finish_reason).toBeNull();
    expect(after).toEqual([{ data: "[DONE]" }]);
  });

  test("the tool call: id, type and name once, then argument fragments that join into JSON", () => {
    const f = get(`${CHAT}/stream-tool-call-final-usage`);
    const calls = chunks(f).flatMap((c) =>
      c.choices.flatMap((ch: Json) => ch.delta.tool_calls ?? []),
    );
    expect(calls.filter((c) => c.id).map((c) => [c.id, c.function.name])).toEqual([
      [expect.stringMatching(/^call_/), "get_weather"],
    ]);
    expect(calls.every((c) => c.type === "function" && c.index === 0)).toBe(true);
    expect(JSON.parse(calls.map((c) => c.function.arguments).join(""))).toEqual({
      city: "Lisbon",
      unit: "celsius",
    });
  });

  test.each([
    "stream-text-final-usage",
    "stream-tool-call-final-usage",
    "stream-finish-then-usage",
  ])("%s: keep-alive comments also arrive between events, not only before the first", (name) => {
    const f = get(`${CHAT}/${name}`);
    const firstData = items(f).findIndex(isData);
    const between = items(f)
      .slice(firstData)
      .filter((i) => "comment" in i);
    expect(between.length).toBeGreaterThan(0);
    for (const c of between) expect(c).toEqual({ comment: "OPENROUTER PROCESSING" });
    expect(items(f).findIndex(isDone)).toBe(items(f).length - 1);
  });
});
