/**
 * Differential test of our SSE framer (`SseReader` on `SseFramer`) against eventsource-parser,
 * which framed our streams before: on arbitrary streams cut into arbitrary reads, both must
 * give the same events and comments, in the same order. The reference is fed what our reader
 * fed it: the body decoded by `TextDecoder` (which drops a leading byte order mark).
 *
 * Where we differ on purpose (each pinned by an example below):
 * - A final event whose blank line never came is delivered at the end of the body. Fed the same
 *   text alone, eventsource-parser drops it, so the reference is fed `"\n\n"` after the text,
 *   as our reader did when it ran on eventsource-parser.
 * - eventsource-parser also drops the characters "ï»¿" (a BOM decoded as Latin-1) opening the
 *   first text it is fed; we take the text as decoded, as the WHATWG rules do.
 */
import { createParser } from "eventsource-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SseComment, SseReader } from "../src/sse-reader.ts";
import { bytesOf, splitAt, streamOf } from "./support/byte-streams.ts";

type Item = { event?: string; data: string; id?: string } | { comment: string };

const RUNS = 1000;

/** An event without its undefined fields, as `sseEvents` hands it out. */
function eventOf(message: { event?: string; data: string; id?: string }): Item {
  const event: Item = { data: message.data };
  if (message.event !== undefined) event.event = message.event;
  if (message.id !== undefined) event.id = message.id;
  return event;
}

/** What eventsource-parser makes of `bytes`, decoded and fed whole, then `tail`. */
function reference(bytes: Uint8Array, comments: boolean, tail = "\n\n"): Item[] {
  const items: Item[] = [];
  const parser = createParser({
    onEvent: (message) => items.push(eventOf(message)),
    onComment: comments ? (comment) => items.push({ comment }) : undefined,
  });
  parser.feed(new TextDecoder().decode(bytes) + tail);
  return items;
}

/** What our reader makes of a body read in `pieces`. */
async function framed(pieces: Uint8Array[], comments: boolean): Promise<Item[]> {
  const reader = new SseReader(streamOf(pieces), { comments });
  const items: Item[] = [];
  while (!reader.ended) {
    for (const item of await reader.read()) {
      items.push(item instanceof SseComment ? { comment: item.text } : eventOf(item));
    }
  }
  return items;
}

/** Characters that matter to the framer or to UTF-8 decoding, and any other character. */
const CHARACTER = fc.oneof(
  fc.constantFrom(" ", ":", "\0", "\uFEFF", "é", "€", "😀", "{", '"', "a"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);
/** Text within a line: no line breaks. */
const TEXT = fc
  .string({ unit: CHARACTER, maxLength: 12 })
  .map((text) => text.replace(/[\r\n]/g, ""));
const NAME = fc.oneof(
  { weight: 6, arbitrary: fc.constant("data") },
  { weight: 6, arbitrary: fc.constantFrom("event", "id", "retry", "") },
  { weight: 1, arbitrary: fc.constantFrom("Data", " data", "dat", "data ", "ids") },
  { weight: 1, arbitrary: TEXT.map((text) => text.replace(/:/g, "")) },
);
/** A field (name "": a comment), a name alone, a blank line or any text. */
const LINE = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(NAME, fc.constantFrom(": ", ":", ":  ", ""), TEXT)
      .map(([name, colon, value]) => (colon === "" ? name : name + colon + value)),
  },
  { weight: 1, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: TEXT },
);
const ENDING = fc.constantFrom("\n", "\r", "\r\n");
/** An event: a few lines, each with any ending, then a blank line. */
const EVENT = fc
  .tuple(fc.array(fc.tuple(LINE, ENDING), { minLength: 1, maxLength: 5 }), ENDING)
  .map(([lines, blank]) => lines.map(([line, ending]) => line + ending).join("") + blank);

/** A stream's text: events, maybe a BOM first, maybe its last line endings cut off. */
const STREAM = fc
  .record({
    bom: fc.boolean(),
    events: fc.array(EVENT, { maxLength: 8 }),
    cutOff: fc.constantFrom("", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n"),
  })
  .map(({ bom, events, cutOff }) => {
    const text = events.join("");
    const ended = text.endsWith(cutOff) ? text.slice(0, text.length - cutOff.length) : text;
    return (bom ? "\uFEFF" : "") + ended;
  });

/** Offsets where `bytes` gets cut: inside a CRLF, inside a multi-byte character. */
function cutsInside(bytes: Uint8Array, cuts: readonly number[]) {
  const crlf = cuts.some((c) => bytes[c - 1] === 13 && bytes[c] === 10);
  const character = cuts.some((c) => ((bytes[c] ?? 0) & 0xc0) === 0x80);
  return { crlf, character };
}

describe("SseFramer against eventsource-parser", () => {
  it(`frames any stream cut into any reads the same (${RUNS} runs)`, async () => {
    const seen = { crlf: 0, character: 0, events: 0, comments: 0, unended: 0 };
    await fc.assert(
      fc.asyncProperty(
        STREAM,
        fc.array(fc.nat(), { maxLength: 48 }),
        fc.boolean(),
        async (text, offsets, comments) => {
          const bytes = bytesOf(text);
          const cuts = offsets.map((offset) => offset % (bytes.length + 1));
          const expected = reference(bytes, comments);
          expect(await framed(splitAt(bytes, cuts), comments)).toEqual(expected);

          const inside = cutsInside(bytes, cuts);
          if (inside.crlf) seen.crlf++;
          if (inside.character) seen.character++;
          if (reference(bytes, comments, "").length < expected.length) seen.unended++;
          for (const item of expected) "comment" in item ? seen.comments++ : seen.events++;
        },
      ),
      { numRuns: RUNS },
    );
    // The generator must reach the cases that matter, or the runs above prove little.
    expect(seen.crlf).toBeGreaterThan(RUNS / 20);
    expect(seen.character).toBeGreaterThan(RUNS / 20);
    expect(seen.events).toBeGreaterThan(RUNS);
    expect(seen.comments).toBeGreaterThan(RUNS / 10);
    expect(seen.unended).toBeGreaterThan(RUNS / 20);
  });

  describe("where we differ on purpose", () => {
    it("delivers a final event whose blank line never came; eventsource-parser drops it", async () => {
      const bytes = bytesOf("data: first\n\ndata: last");
      expect(reference(bytes, false, "")).toEqual([{ data: "first" }]);
      expect(await framed([bytes], false)).toEqual([{ data: "first" }, { data: "last" }]);
    });

    it("keeps text that looks like a BOM decoded as Latin-1; eventsource-parser drops it", async () => {
      // Taken as text, "ï»¿" opens the first line's field name ("ï»¿data"): an unknown field.
      const bytes = bytesOf("ï»¿data: x\n\ndata: y\n\n");
      expect(await framed([bytes], false)).toEqual([{ data: "y" }]);
      expect(reference(bytes, false)).toEqual([{ data: "x" }, { data: "y" }]);
    });
  });
});
