// One contender in a fresh process: `node --expose-gc consumer.mjs <contender> <baseUrl> <chunks>`.
// Prints one JSON line with its memory (`heapBefore`: retained heap at the first chunk, library loaded). Compiled by esbuild (see measure.ts), run without tsx so
// that no loader sits in the measured heap.
import { CONTENDERS } from "./contenders.ts";

const [name = "", baseUrl = "", chunksArg = ""] = process.argv.slice(2);
const contender = CONTENDERS[name];
if (!contender) throw new Error(`unknown contender ${JSON.stringify(name)}`);
const expectedChunks = Number(chunksArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

/** Heap left after two full collections: what the reader really holds on to. */
function retainedHeap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const every = Math.max(1, Math.floor(expectedChunks / 10));
const samples: number[] = [];
let before = 0;
let chunks = 0;
let atEnd = 0;
const started = performance.now();
const seen = await contender.run(baseUrl, {
  chunk() {
    if (chunks === 0) before = retainedHeap();
    if (++chunks % every === 0) samples.push(retainedHeap());
  },
  end() {
    atEnd = retainedHeap();
  },
});
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    name,
    kind: contender.kind,
    seen,
    chunks,
    ms,
    heapBefore: before,
    heapSamples: samples,
    heapAtEnd: atEnd,
    peakRss: process.resourceUsage().maxRSS * 1024,
  }),
);
