import type { ReceivedRequest } from "./received-request";

/** Limits of a request log: whichever is reached first drops the oldest entries. */
export interface RequestLogLimits {
  /** Entries kept. */
  maxEntries: number;
  /** Body bytes kept, summed over the entries (`bodyText`, as UTF-8). */
  maxBytes: number;
}

/**
 * The requests a server received, newest last, bounded by count and by body bytes: a long test
 * run or a few huge bodies cannot grow it without end. `dropped` counts what was let go.
 * @example
 * const log = new RequestLog({ maxEntries: 1000, maxBytes: 64 * 1024 * 1024 });
 * log.add(received); // log.entries, log.dropped
 */
export class RequestLog {
  /** The entries kept, oldest first; the same array for the log's whole life. */
  readonly entries: ReceivedRequest[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  private droppedCount = 0;

  constructor(private readonly limits: RequestLogLimits) {}

  /** Entries dropped, oldest first, to stay within the limits since the last `clear()`. */
  get dropped(): number {
    return this.droppedCount;
  }

  add(entry: ReceivedRequest): void {
    // Callers may have emptied or spliced the array themselves: count it again.
    if (this.sizes.length !== this.entries.length) this.recount();
    const size = Buffer.byteLength(entry.bodyText);
    this.entries.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    while (
      this.entries.length > 0 &&
      (this.entries.length > this.limits.maxEntries || this.bytes > this.limits.maxBytes)
    ) {
      this.entries.shift();
      this.bytes -= this.sizes.shift() as number;
      this.droppedCount += 1;
    }
  }

  private recount(): void {
    this.sizes = this.entries.map((e) => Buffer.byteLength(e.bodyText));
    this.bytes = this.sizes.reduce((a, b) => a + b, 0);
  }

  clear(): void {
    this.entries.length = 0;
    this.sizes = [];
    this.bytes = 0;
    this.droppedCount = 0;
  }
}
