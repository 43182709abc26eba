import { describe, expect, it } from "vitest";
import type { SseItem } from "../src/fixture-format";
import { parseSse } from "../src/sse-parser";
import { encodeSseItem, malformedItem, oversizedEvent } from "../src/sse-writer";

describe("encodeSseItem", () => {
  it("writes JSON data, raw strings, comments, event and id fields", () => {
    expect(encodeSseItem({ data: { a: 1 } })).toBe('data: {"a":1}\n\n');
    expect(encodeSseItem({ data: "[DONE]" })).toBe("data: [DONE]\n\n");
    expect(encodeSseItem({ comment: "OPENROUTER PROCESSING" })).toBe(": OPENROUTER PROCESSING\n\n");
    expect(encodeSseItem({ event: "ping", id: "7", data: {} }, "\r")).toBe(
      "event: ping\rid: 7\rdata: {}\r\r",
    );
    expect(encodeSseItem({ data: "a\r\nb\nc" }, "\r\n")).toBe(
      "data: a\r\ndata: b\r\ndata: c\r\n\r\n",
    );
  });
});

describe("malformedItem and oversizedEvent", () => {
  it("always produce data no JSON parser accepts", () => {
    for (const data of [{ a: 1 }, [1, 2], "[DONE]", "1", 42, null]) {
      const broken = malformedItem({ data }) as { data: string };
      expect(() => JSON.parse(broken.data)).toThrow(SyntaxError);
    }
  });

  it("makes a data line of exactly the size asked", () => {
    for (const bytes of [10, 20, 21, 5000]) {
      const [line] = oversizedEvent(bytes).split("\n");
      expect(line?.length).toBe(bytes);
      expect(line?.startsWith("data: ")).toBe(true);
    }
  });
});

describe("parseSse", () => {
  it("reads back what encodeSseItem writes", () => {
    const items: SseItem[] = [
      { comment: "OPENROUTER PROCESSING" },
      { event: "message_start", id: "1", data: { type: "message_start" } },
      { data: "two\nlines" },
      { data: "[DONE]" },
    ];
    for (const lineEnding of ["\n", "\r\n", "\r"] as const) {
      const parsed = parseSse(items.map((item) => encodeSseItem(item, lineEnding)).join(""));
      expect(parsed).toEqual({ items, lineEnding, ignored: [] });
    }
  });

  it("reports fields it does not keep", () => {
    expect(parseSse("retry: 100\ndata: x\n\n")).toEqual({
      items: [{ data: "x" }],
      lineEnding: "\n",
      ignored: ["retry: 100"],
    });
  });
});
