import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ChatStream } from "../src/index.ts";
import { bodyOf } from "./chat-bytes.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface MemoryResult {
  accumulate: boolean;
  chunks: number;
  /** Heap retained after a GC, at 10% of the stream and at its end. */
  heapAt10PercentMiB: number;
  heapAtEndMiB: number;
  /** What the second 90% of the stream added to the retained heap. */
  growthMiB: number;
}

/** Retained heap while iterating a long stream, with or without accumulation. */
export async function measureMemory(
  bytes: Uint8Array,
  readSize: number,
  accumulate: boolean,
): Promise<MemoryResult> {
  const stream = ChatStream.fromReadableStream(bodyOf(bytes, readSize), { accumulate });
  let chunks = 0;
  let early = 0;
  let late = 0;
  for await (const _ of stream) {
    chunks++;
    if (chunks === 20_000) early = heapAfterGc();
  }
  late = heapAfterGc();
  const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  if (accumulate) await stream.finalCompletion();
  return {
    accumulate,
    chunks,
    heapAt10PercentMiB: mib(early),
    heapAtEndMiB: mib(late),
    growthMiB: mib(late - early),
  };
}
