import { StreamParseError, StreamTruncatedError, type StreamError } from "./errors";
import type { Protocol } from "./protocol";
import { toEvent, type SseEvent } from "./sse-events";
import { SseComment, SseReader, type SseItem } from "./sse-reader";
import { StreamTimers } from "./stream-timers";

/** What a re-emitting loop hands out: chunks with their raw event, comments, the end marker. */
export type LoopItem<Chunk> =
  | { chunk: Chunk; event: SseEvent }
  | { comment: string }
  | { done: true };

/** The stream a loop reads for: it accumulates, dispatches and settles. */
export interface LoopHost<Chunk, Final> {
  readonly protocol: Protocol<Chunk, Final>;
  readonly controller: AbortController;
  readonly idleTimeoutMs: number | undefined;
  readonly timeoutMs: number | undefined;
  /** The response headers, for the errors raised here (`generationId`). */
  readonly headers: Headers | undefined;
  comment(text: string): void;
  /** Takes a chunk in (accumulation, UI events); returns the error it reports, if any. */
  accept(chunk: Chunk): StreamError | undefined;
  partial(): Final | undefined;
  /** The stream ended well. */
  finish(): void;
  /** The stream failed (`transport`: while reading the body): returns the error to throw. */
  fail(error: unknown, transport: boolean): unknown;
  /** The consumer left before the end. */
  abandon(): void;
}

const END: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The read loop of a stream as a hand-written async iterator: a whole read is framed at once,
 * and each `next()` served from it costs one resolved promise (an async generator per layer
 * would cost several). Handles `[DONE]`, truncation, malformed JSON, in-stream errors, the idle
 * and total limits, and an early `return()` (the consumer left: the request is cancelled).
 */
export class ReadLoop<Chunk, Final, Out extends Chunk | LoopItem<Chunk>>
  implements AsyncIterableIterator<Out>
{
  readonly #host: LoopHost<Chunk, Final>;
  readonly #withEvents: boolean;
  readonly #reader: SseReader;
  readonly #signal: AbortSignal;
  /** Only when a limit is set. */
  #timers: StreamTimers | undefined;
  #started = false;
  #items: SseItem[] = [];
  #position = 0;
  #complete = false;
  #closed = false;
  /** Re-emission hands out the error chunk first, then throws this. */
  #pendingError: StreamError | undefined;
  #inflight: Promise<unknown> | undefined;
  #aborted: boolean;

  /** `withEvents`: hand out `LoopItem`s (for re-emission) instead of chunks. */
  constructor(body: ReadableStream<Uint8Array>, host: LoopHost<Chunk, Final>, withEvents: boolean) {
    this.#host = host;
    this.#withEvents = withEvents;
    this.#signal = host.controller.signal;
    this.#reader = new SseReader(body, { signal: this.#signal, comments: true });
    // A plain field read per chunk is cheaper than the `aborted` getter.
    this.#signal.addEventListener("abort", () => (this.#aborted = true), { once: true });
    this.#aborted = this.#signal.aborted;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Out>> {
    if (this.#inflight) return this.#inflight.then(() => this.next());
    if (this.#closed) return Promise.resolve(END);
    try {
      if (!this.#started) this.#start();
      const result = this.#step();
      if (result) return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(this.#fail(error, false));
    }
    const refill = this.#refill();
    const clear = () => {
      this.#inflight = undefined;
    };
    this.#inflight = refill.then(clear, clear);
    return refill;
  }

  /** The limits run from the first `next()`. */
  #start(): void {
    this.#started = true;
    const { controller, idleTimeoutMs, timeoutMs } = this.#host;
    if (idleTimeoutMs !== undefined || timeoutMs !== undefined) {
      this.#timers = new StreamTimers(controller, idleTimeoutMs, timeoutMs);
    }
  }

  /** The consumer left (break, return, cancel): stop reading and cancel the request. */
  return(): Promise<IteratorResult<Out>> {
    if (!this.#closed) {
      this.#close();
      this.#host.abandon();
    }
    return Promise.resolve(END);
  }

  async #refill(): Promise<IteratorResult<Out>> {
    try {
      for (;;) {
        if (this.#reader.ended) return this.#end(false);
        try {
          this.#items = await this.#reader.read();
        } catch (error) {
          throw this.#fail(error, true);
        }
        this.#position = 0;
        const result = this.#step();
        if (result) return result;
      }
    } catch (error) {
      throw this.#fail(error, false);
    }
  }

  /** Serves the next result from the items read, or undefined when a read is needed. */
  #step(): IteratorResult<Out> | undefined {
    if (this.#pendingError) throw this.#pendingError;
    const host = this.#host;
    while (this.#position < this.#items.length) {
      // Items already read are not handed out once aborted.
      if (this.#aborted) throw this.#signal.reason;
      const item = this.#items[this.#position++]!;
      this.#timers?.activity();
      if (item instanceof SseComment) {
        host.comment(item.text);
        if (this.#withEvents) return { value: { comment: item.text } as Out, done: false };
        continue;
      }
      if (item.data === "[DONE]") return this.#end(true);
      const chunk = this.#parse(item);
      const failure = host.accept(chunk);
      if (failure) {
        if (!this.#withEvents) throw failure;
        this.#pendingError = failure;
      } else if (!this.#complete && host.protocol.completes(chunk)) {
        this.#complete = true;
      }
      return {
        value: (this.#withEvents ? { chunk, event: toEvent(item) } : chunk) as Out,
        done: false,
      };
    }
    return undefined;
  }

  #parse(event: { data: string }): Chunk {
    try {
      return JSON.parse(event.data) as Chunk;
    } catch {
      throw new StreamParseError(
        `A ${this.#host.protocol.noun} stream event held invalid JSON (${event.data.length} characters).`,
        { partial: this.#host.partial(), headers: this.#host.headers },
      );
    }
  }

  /** The end: `[DONE]`, or the body ended (normal after a finish reason, else truncated). */
  #end(sawDone: boolean): IteratorResult<Out> {
    if (!sawDone && !this.#complete) {
      throw new StreamTruncatedError(
        `The ${this.#host.protocol.noun} stream ended before the answer finished (no finish reason, no [DONE]).`,
        { partial: this.#host.partial(), headers: this.#host.headers },
      );
    }
    this.#close(); // what follows [DONE] is never read
    this.#host.finish();
    // Re-emission forwards the end marker; the loop is closed, so the call after it ends.
    return sawDone && this.#withEvents ? { value: { done: true } as Out, done: false } : END;
  }

  #fail(error: unknown, transport: boolean): unknown {
    if (this.#closed) return error;
    this.#close();
    return this.#host.fail(error, transport);
  }

  #close(): void {
    this.#closed = true;
    this.#timers?.clear();
    this.#reader.close();
  }
}
