/** In-memory byte streams for framing tests: the same bytes, cut wherever a test wants. */

const encoder = new TextEncoder();

export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A stream that hands out `pieces` one read at a time. */
export function streamOf(pieces: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++];
      if (piece === undefined) return controller.close();
      controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
    },
  });
}

/** `bytes` cut into reads of `size` bytes (1: every byte on its own). */
export function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return pieces;
}

/** `bytes` cut at the given offsets (sorted, duplicates and out-of-range offsets ignored). */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets)].filter((o) => o > 0 && o < bytes.length).sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/** A stream that records whether its consumer cancelled it. */
export function cancellableStreamOf(pieces: readonly (string | Uint8Array)[]) {
  const state = { cancelled: false, reads: 0 };
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.reads++;
      const piece = pieces[next++];
      if (piece === undefined) return controller.close();
      controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
