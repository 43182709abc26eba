import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { GrowingJson, grows } from "../src/partial-json";

/** Feeds `text` in the given pieces; returns every value handed out. */
function feed(pieces: string[]): unknown[] {
  const json = new GrowingJson();
  const out: unknown[] = [];
  for (const piece of pieces) {
    const grown = json.push(piece);
    if (grown) out.push(structuredClone(grown.value));
  }
  return out;
}

/** Cuts `text` at the given (sorted, deduplicated) positions. */
function cut(text: string, positions: number[]): string[] {
  const at = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const p of at) {
    pieces.push(text.slice(start, p));
    start = p;
  }
  pieces.push(text.slice(start));
  return pieces.filter((p) => p !== "");
}

describe("GrowingJson", () => {
  test("values only grow, never repeat, and end with the whole value", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.boolean(),
        (value, positions, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined);
          const out = feed(cut(text, positions));
          for (let i = 1; i < out.length; i++) {
            expect(grows(out[i - 1], out[i])).toBe(true);
            expect(JSON.stringify(out[i])).not.toBe(JSON.stringify(out[i - 1]));
          }
          expect(out.at(-1)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("one character at a time through numbers, escapes and literals", () => {
    const text =
      '{"t":-18.5,"e":1e5,"ok":true,"n":null,"s":"caf\\u00e9 \\"q\\"\\n","a":[1,[2,{"b":false}]]}';
    const out = feed([...text]);
    for (let i = 1; i < out.length; i++) expect(grows(out[i - 1], out[i])).toBe(true);
    expect(out.at(-1)).toEqual(JSON.parse(text));
    // No cut-off number or literal was ever shown.
    for (const value of out as Record<string, unknown>[]) {
      if ("t" in value) expect(value.t).toBe(-18.5);
      if ("e" in value) expect(value.e).toBe(1e5);
      if ("ok" in value) expect(value.ok).toBe(true);
    }
  });

  test("a __proto__ key is an own property, never the prototype", () => {
    const out = feed([...'{"__proto__":{"isAdmin":true},"a":"b"}']);
    const last = out.at(-1) as Record<string, unknown>;
    expect(Object.getPrototypeOf(last)).toBe(Object.prototype);
    expect(last.isAdmin).toBeUndefined();
    expect(Object.hasOwn(last, "__proto__")).toBe(true);
    expect(last).toEqual(JSON.parse('{"__proto__":{"isAdmin":true},"a":"b"}'));
  });

  test("invalid JSON or a repeated key stops the partials where they were", () => {
    expect(feed(['{"a":"x"', ",}", ',"b":1}'])).toEqual([{ a: "x" }]);
    expect(feed(['{"a":"xyz",', '"a":"q"}'])).toEqual([{ a: "xyz" }]);
  });

  test("grows(): what counts as growing", () => {
    expect(grows("ab", "abc")).toBe(true);
    expect(grows("ab", "ac")).toBe(false);
    expect(grows({ a: [1] }, { a: [1, 2], b: "" })).toBe(true);
    expect(grows({ a: [1, 2] }, { a: [1] })).toBe(false);
    expect(grows({ a: 1 }, {})).toBe(false);
    expect(grows(1, 12)).toBe(false);
  });
});
