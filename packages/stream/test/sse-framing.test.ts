import { describe, expect, it } from "vitest";
import { sseEvents, type SseEvent } from "../src/index.ts";
import {
  bytesOf,
  cancellableStreamOf,
  collect,
  splitEvery,
  streamOf,
} from "./support/byte-streams.ts";

const ENDINGS = { LF: "\n", CR: "\r", CRLF: "\r\n" } as const;
type Ending = keyof typeof ENDINGS;

/** Three events (one named, with an id and two data lines) and a comment, with the given endings. */
function sample(line: string, blank: string): string {
  return [
    `data: one${line}${blank}`,
    `event: named${line}id: 7${line}data: two${line}data: lines${line}${blank}`,
    `: keep-alive${line}${blank}`,
    `data: three${line}${blank}`,
  ].join("");
}

const SAMPLE_EVENTS: SseEvent[] = [
  { data: "one" },
  { event: "named", id: "7", data: "two\nlines" },
  { data: "three" },
];

async function eventsOf(
  pieces: (string | Uint8Array)[],
  comments: string[] = [],
): Promise<SseEvent[]> {
  return collect(sseEvents(streamOf(pieces), { onComment: (c) => comments.push(c) }));
}

/** Every (line ending, blank-line ending) pair, except CR then LF: that pair is one CRLF. */
const PAIRS = (Object.keys(ENDINGS) as Ending[])
  .flatMap((line) => (Object.keys(ENDINGS) as Ending[]).map((blank) => [line, blank] as const))
  .filter(([line, blank]) => !(line === "CR" && blank === "LF"));

describe("sseEvents framing", () => {
  describe.each(PAIRS)("lines ending in %s, events ending in an extra %s", (line, blank) => {
    const text = sample(ENDINGS[line], ENDINGS[blank]);

    it("fed whole", async () => {
      const comments: string[] = [];
      expect(await eventsOf([text], comments)).toEqual(SAMPLE_EVENTS);
      expect(comments).toEqual(["keep-alive"]);
    });

    it("fed one byte at a time", async () => {
      const comments: string[] = [];
      expect(await eventsOf(splitEvery(bytesOf(text), 1), comments)).toEqual(SAMPLE_EVENTS);
      expect(comments).toEqual(["keep-alive"]);
    });
  });

  it("reads CR followed by LF as one line ending, also when a read ends between them", async () => {
    // Were the split CRLF read as two line endings, the blank line would end the event early.
    const whole = "data: a\r\ndata: b\r\n\r\n";
    expect(await eventsOf([whole])).toEqual([{ data: "a\nb" }]);
    expect(await eventsOf(["data: a\r", "\ndata: b\r", "\n\r", "\n"])).toEqual([{ data: "a\nb" }]);
  });

  it("mixes line endings within one stream", async () => {
    const text = "data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n";
    const expected = ["a", "b", "c", "d"].map((data) => ({ data }));
    expect(await eventsOf([text])).toEqual(expected);
    expect(await eventsOf(splitEvery(bytesOf(text), 1))).toEqual(expected);
  });

  it.each([
    ["2-byte", "é", 2],
    ["3-byte", "€", 3],
    ["4-byte", "😀", 4],
  ])("decodes a %s UTF-8 character split inside it", async (_name, char, width) => {
    const text = `data: {"t":"a${char}b"}\n\n`;
    const bytes = bytesOf(text);
    const start = bytes.indexOf(bytesOf(char)[0]!);
    for (let cut = 1; cut < width; cut++) {
      const pieces = [bytes.subarray(0, start + cut), bytes.subarray(start + cut)];
      expect(await eventsOf(pieces)).toEqual([{ data: `{"t":"a${char}b"}` }]);
    }
    expect(await eventsOf(splitEvery(bytes, 1))).toEqual([{ data: `{"t":"a${char}b"}` }]);
  });

  it("joins multi-line data with \\n and keeps empty data lines", async () => {
    const text = "data: first\ndata:\ndata:  indented\ndata:tight\n\n";
    expect(await eventsOf([text])).toEqual([{ data: "first\n\n indented\ntight" }]);
  });

  it("delivers an event whose data is empty", async () => {
    expect(await eventsOf(["data:\n\n"])).toEqual([{ data: "" }]);
  });

  it("keeps event and id on the event that carries them, and only there", async () => {
    const text = "event: message_start\nid: 42\ndata: {}\n\ndata: plain\n\n";
    expect(await eventsOf([text])).toEqual([
      { event: "message_start", id: "42", data: "{}" },
      { data: "plain" },
    ]);
  });

  it("ignores events without data, unknown fields and retry lines", async () => {
    const text = "event: lonely\n\nretry: 1000\nfoo: bar\ndata: kept\n\n";
    expect(await eventsOf([text])).toEqual([{ data: "kept" }]);
  });

  it("never turns comments into events, and reports each one", async () => {
    const comments: string[] = [];
    const text = ": OPENROUTER PROCESSING\n\n:\n\n:no space\ndata: x\n\n";
    expect(await eventsOf([text], comments)).toEqual([{ data: "x" }]);
    expect(comments).toEqual(["OPENROUTER PROCESSING", "", "no space"]);
  });

  it("skips a byte order mark at the start", async () => {
    expect(
      await eventsOf([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf]), "data: x\n\n"]),
    ).toEqual([{ data: "x" }]);
  });

  it("reads a data line over 8 MiB arriving in 64 KiB reads", async () => {
    const padding = "x".repeat(9 * 1024 * 1024);
    const text = `data: {"padding":"${padding}"}\n\ndata: after\n\n`;
    const events = await eventsOf(splitEvery(bytesOf(text), 64 * 1024));
    expect(events).toHaveLength(2);
    expect(events[0]!.data.length).toBe(padding.length + 14);
    expect(JSON.parse(events[0]!.data).padding).toBe(padding);
    expect(events[1]).toEqual({ data: "after" });
  });

  describe("a final event without its blank line is delivered (policy in sse-events.ts)", () => {
    it.each([
      ["no line ending at all", "data: last"],
      ["LF but no blank line", "data: last\n"],
      ["CR but no blank line", "data: last\r"],
      ["CRLF but no blank line", "data: last\r\n"],
      ["a second data line cut short", "data: last\ndata: line"],
    ])("%s", async (_name, tail) => {
      const expected = tail.includes("line\n") || tail.endsWith("line") ? "last\nline" : "last";
      const text = `data: first\n\n${tail}`;
      expect(await eventsOf([text])).toEqual([{ data: "first" }, { data: expected }]);
      expect(await eventsOf(splitEvery(bytesOf(text), 1))).toEqual([
        { data: "first" },
        { data: expected },
      ]);
    });

    it("but a trailing comment or field without data yields nothing", async () => {
      const comments: string[] = [];
      expect(await eventsOf(["data: a\n\n: bye", "\nevent: x"], comments)).toEqual([{ data: "a" }]);
      expect(comments).toEqual(["bye"]);
    });
  });

  it("cancels the body when the consumer breaks out", async () => {
    const { stream, state } = cancellableStreamOf(["data: 1\n\n", "data: 2\n\n", "data: 3\n\n"]);
    for await (const event of sseEvents(stream)) {
      expect(event.data).toBe("1");
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it("stops with the signal's reason and cancels the body when the signal aborts", async () => {
    const { stream, state } = cancellableStreamOf(["data: 1\n\n", "data: 2\n\n"]);
    const controller = new AbortController();
    const seen: string[] = [];
    const reason = new Error("stop here");
    await expect(
      (async () => {
        for await (const event of sseEvents(stream, { signal: controller.signal })) {
          seen.push(event.data);
          controller.abort(reason);
        }
      })(),
    ).rejects.toBe(reason);
    expect(seen).toEqual(["1"]);
    expect(state.cancelled).toBe(true);
  });

  it("rejects at once for a signal aborted before the first read", async () => {
    const { stream, state } = cancellableStreamOf(["data: 1\n\n"]);
    const reason = new Error("too late");
    await expect(collect(sseEvents(stream, { signal: AbortSignal.abort(reason) }))).rejects.toBe(
      reason,
    );
    expect(state.cancelled).toBe(true);
  });
});
