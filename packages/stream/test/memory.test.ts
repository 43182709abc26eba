import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ChatStream } from "../src/index.ts";
import { splitEvery, streamOf } from "./support/byte-streams.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const CHUNKS = 100_000;
const MiB = 2 ** 20;

/** A long chat stream: CHUNKS content chunks of a few words, a stop chunk, [DONE]. */
function longStream(): Uint8Array[] {
  const head =
    '"id":"gen-m","object":"chat.completion.chunk","created":1,"model":"m","provider":"P"';
  let text = "";
  for (let i = 0; i < CHUNKS; i++) {
    text += `data: {${head},"choices":[{"index":0,"delta":{"content":"word ${i % 97} "},"finish_reason":null}]}\n\n`;
  }
  text += `data: {${head},"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`;
  return splitEvery(new TextEncoder().encode(text), 16 * 1024);
}

/** Retained heap (after GC) at 10% of the stream and at its end. */
async function heapGrowth(accumulate: boolean): Promise<number> {
  const stream = ChatStream.fromReadableStream(streamOf(longStream()), { accumulate });
  let seen = 0;
  let early = 0;
  for await (const _ of stream) {
    if (++seen === CHUNKS / 10) {
      gc();
      early = process.memoryUsage().heapUsed;
    }
  }
  gc();
  const growth = process.memoryUsage().heapUsed - early;
  expect(seen).toBe(CHUNKS + 1);
  return growth;
}

describe("memory while iterating a long stream", () => {
  it("stays flat without accumulation, and grows with it (the control)", async () => {
    const flat = await heapGrowth(false);
    const accumulating = await heapGrowth(true);
    expect(flat).toBeLessThan(1 * MiB);
    // The accumulated text alone is over 0.9 MB: the measure does see retained memory.
    expect(accumulating).toBeGreaterThan(flat + 1 * MiB);
  });
});
