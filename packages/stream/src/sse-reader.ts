import { SseFramer, type SseItem } from "./sse-framer";

export { EventTooLarge, SseComment, type SseItem } from "./sse-framer";

/**
 * Frames a body into server-sent events one read at a time, with `SseFramer`: the engine
 * under `sseEvents` and the typed streams. Handing out a whole read's items at once keeps the
 * per-event cost to the parse itself.
 *
 * Policy for a body that ends in the middle of an event (its data line is there but not the
 * blank line after it): the event is delivered. The WHATWG algorithm drops it; we prefer not to
 * lose the last token of a response whose connection closed a little early.
 */
export class SseReader {
  readonly #framer: SseFramer;
  readonly #decoder = new TextDecoder();
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort: () => void;
  #ended = false;

  /**
   * `comments`: keep comment lines as items (otherwise they are skipped). `maxEventBytes`: the
   * longest event (see `SseFramer`); `read()` throws `EventTooLarge` past it.
   */
  constructor(
    body: ReadableStream<Uint8Array>,
    {
      signal,
      comments = false,
      maxEventBytes,
    }: { signal?: AbortSignal; comments?: boolean; maxEventBytes?: number } = {},
  ) {
    this.#framer = new SseFramer(comments, maxEventBytes);
    const reader = (this.#reader = body.getReader());
    this.#signal = signal;
    this.#onAbort = () => void reader.cancel(signal!.reason).catch(() => {});
    signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** True once nothing more will be read: the body was read to its end, or `close()` was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Reads once from the body and returns the items it completed, in order (often none, or
   * many). Rejects with the signal's reason once it has aborted, and with `EventTooLarge` once
   * an event passed `maxEventBytes` (after the items before it).
   */
  async read(): Promise<SseItem[]> {
    this.#signal?.throwIfAborted();
    // Nothing more is read once an event was too large.
    if (this.#framer.tooLarge) throw this.#framer.tooLarge;
    const { done, value } = await this.#reader.read();
    // A cancelled read ends as `done` too: an abort must not pass for the end of the body.
    this.#signal?.throwIfAborted();
    if (done) {
      // End the last line and the last event.
      this.#framer.feed(`${this.#decoder.decode()}\n\n`);
      this.#ended = !this.#framer.tooLarge;
    } else {
      this.#framer.feed(this.#decoder.decode(value, { stream: true }));
    }
    const items = this.#framer.take();
    // The events before the one too large are handed out first; the next read throws.
    if (items.length === 0 && this.#framer.tooLarge) throw this.#framer.tooLarge;
    return items;
  }

  /**
   * Stops reading and cancels the body if it has not ended; calling it again does nothing. The
   * cancellation is not awaited: cancelling one branch of a `tee()` settles only once the other
   * branch is cancelled too.
   */
  close(): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    if (this.#ended) return;
    this.#ended = true;
    void this.#reader.cancel().catch(() => {});
  }
}
