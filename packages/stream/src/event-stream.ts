import { AbortError, failureDetail, OpenRouterError } from "@or/fetch";
import {
  inStreamError,
  StreamConnectionError,
  StreamError,
  StreamParseError,
  StreamStateError,
  StreamTruncatedError,
  type PartialInit,
  type PartialResultErrorClass,
} from "./errors";
import type { Accumulator, Protocol } from "./protocol";
import { bodyOf } from "./response-body";
import { encodeSseComment, encodeSseEvent } from "./sse-encoding";
import { EventTooLarge, SseComment, SseReader, type SseItem } from "./sse-reader";
import { StreamTimers } from "./stream-timers";
import { checkStreamOptions, limitOf, type StreamOptions } from "./stream-options";
import { kindOf } from "./wire-data";

export type { StreamOptions } from "./stream-options";

type Listener = (...args: any[]) => void;
/** What the read hands out: chunks, or the raw SSE items when re-emitting. */
type Read<Chunk> = IteratorResult<Chunk | SseItem, undefined>;
/** A typed stream class: its constructor takes the body, the options and the response. */
export type StreamClass<S> = new (
  body: ReadableStream<Uint8Array>,
  options?: StreamOptions,
  response?: Response,
) => S;

const END: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The base of `ChatStream`, `ResponsesStream` and `MessagesStream`: single consumption,
 * `[DONE]` and truncation, in-stream errors, timeouts, cancellation, accumulation, UI events,
 * re-emission and tee. A subclass brings its protocol, and takes (body, options, response).
 *
 * A stream is read once, so the state of that read lives here. The read is a hand-written
 * async iterator: a whole network read is framed at once, and each `next()` served from it
 * costs one resolved promise (an async generator per layer would cost several).
 */
export class EventStream<Chunk, Final> implements AsyncIterable<Chunk> {
  /** The HTTP response the stream came from, when there was one. */
  declare readonly response: Response | undefined;
  /** `X-Generation-Id`: look the request up later with `getGeneration`. */
  declare readonly generationId: string | undefined;
  readonly #body: ReadableStream<Uint8Array>;
  readonly #protocol: Protocol<Chunk, Final>;
  readonly #options: StreamOptions;
  /** Its signal stops the reader; the reason is also kept in `#abortReason`. */
  readonly #controller = new AbortController();
  /** Why the stream was aborted (always an error, so truthy), as a plain field: it is read per chunk. */
  #abortReason: unknown;
  #accumulator: Accumulator<Chunk, Final> | undefined;
  /** Undefined until someone subscribes: checked per chunk. */
  #listeners: Map<string, Set<Listener>> | undefined;
  /** Settles once the stream ends: the final object, or why it failed. */
  readonly #final: Promise<Final>;
  #resolve!: (final: Final) => void;
  #reject!: (error: unknown) => void;

  // The one read of the body.
  #started = false;
  #reader!: SseReader;
  /** Hand out the raw SSE items (to re-emit them) instead of chunks. */
  #withEvents = false;
  /** Only when a limit is set. */
  #timers: StreamTimers | undefined;
  #items: SseItem[] = [];
  #position = 0;
  /** A chunk showed the answer finished: ending without `[DONE]` is then normal. */
  #complete = false;
  #closed = false;
  /** Re-emission hands out the error chunk first, then throws this. */
  #pendingError: StreamError | undefined;
  readonly #warnings: StreamError[] = [];
  #inflight: Promise<unknown> | undefined;

  constructor(
    body: ReadableStream<Uint8Array>,
    protocol: Protocol<Chunk, Final>,
    options: StreamOptions = {},
    response?: Response,
  ) {
    checkStreamOptions(options);
    this.#body = body;
    this.#protocol = protocol;
    this.#options = options;
    this.response = response;
    this.generationId = response?.headers.get("x-generation-id") ?? undefined;
    if (options.accumulate) this.#accumulate();
    // A failure goes to whoever asks for the final object; unasked, it is not unhandled.
    (this.#final = new Promise<Final>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    })).catch(() => {});
    const { signal } = options;
    if (signal?.aborted) this.abort(signal.reason);
    else signal?.addEventListener("abort", () => this.abort(signal.reason), { once: true });
  }

  /** A stream over a `fetch` response of a streaming request (`stream: true`). */
  static fromResponse<S>(this: StreamClass<S>, response: Response, options?: StreamOptions): S {
    if (options !== undefined) checkStreamOptions(options);
    return new this(bodyOf(response, { maxEventBytes: options?.maxEventBytes }), options, response);
  }

  /** The other end of `toReadableStream()`: SSE bytes from your server, in a browser. */
  static fromReadableStream<S>(
    this: StreamClass<S>,
    stream: ReadableStream<Uint8Array>,
    options?: StreamOptions,
  ): S {
    return new this(stream, options);
  }

  /** Chunks in order. A stream can be iterated once; `tee()` makes two. */
  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    this.#open(false);
    return {
      next: () => this.#next() as Promise<IteratorResult<Chunk>>,
      return: () => this.#return(),
    };
  }

  /** Stops the stream and cancels its HTTP request (billing stops on providers that support it). */
  abort(reason?: unknown): void {
    this.#stop(new AbortError("The stream was aborted.", { cause: reason }));
  }

  /**
   * Errors the API reported after the answer had finished (a finish reason, `response.completed`,
   * `message_stop`): a length-limited chat answer followed by `{"error": {"code": 400, "message":
   * "Token limit reached"}}`, say. They do not fail the stream, whose answer is whole; each is
   * here, as a `StreamError` with the answer so far in `partial`, and emitted as `warning`.
   * @example
   * const completion = await stream.finalCompletion();
   * for (const warning of stream.warnings) console.warn(warning.message); // "400 Token limit reached"
   */
  get warnings(): readonly StreamError[] {
    return this.#warnings;
  }

  /** Whether the stream was aborted, by `abort()`, a signal, a limit or its consumer leaving. */
  get aborted(): boolean {
    return !!this.#abortReason;
  }

  /** The visible text as it arrives (first choice or output). Turns on accumulation. */
  get textStream(): AsyncIterable<string> {
    return this.#project("text");
  }

  /** The reasoning text as it arrives. Turns on accumulation. */
  get reasoningStream(): AsyncIterable<string> {
    return this.#project("reasoning");
  }

  /**
   * Subscribes to UI events: `chunk`, `content`, `reasoning`, `comment`, `done`, `error`,
   * `warning` (an error reported after the answer finished: see `warnings`), plus
   * the protocol's own (`toolCallDelta`, `toolCallDone`, …). Turns on accumulation. Events fire
   * while the stream is consumed (by iteration, `textStream` or `final…()`).
   */
  on(name: string, listener: Listener): this {
    this.#accumulate();
    const listeners = (this.#listeners ??= new Map());
    listeners.set(name, (listeners.get(name) ?? new Set()).add(listener));
    return this;
  }

  off(name: string, listener: Listener): this {
    this.#listeners?.get(name)?.delete(listener);
    return this;
  }

  /**
   * The stream re-encoded as SSE bytes, to forward to a browser (`fromReadableStream` on the
   * other side gives back every chunk). Keep-alive comments are forwarded; a failure is sent as
   * an error event in the protocol's format, so the far side raises it too.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    this.#open(true);
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done, value } = (await this.#next()) as IteratorResult<SseItem>;
          if (done) return controller.close();
          const text =
            value instanceof SseComment ? encodeSseComment(value.text) : encodeSseEvent(value);
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          // An in-stream error was already forwarded as its own event; a truncation is
          // reproduced by ending without [DONE]; anything else is reported in-band.
          if (!(error instanceof StreamError || error instanceof StreamTruncatedError)) {
            const event = this.#protocol.errorEvent({
              message: (error as Error).message,
              status: error instanceof OpenRouterError ? error.status : undefined,
            });
            controller.enqueue(encoder.encode(encodeSseEvent(event)));
          }
          controller.close();
        }
      },
      // The reader left: like breaking out of a loop, this cancels the request.
      cancel: () => void this.#return(),
    });
  }

  /**
   * Two streams over the same bytes, for two consumers. This stream can no longer be consumed.
   * The branches do not get the request controller: one branch leaving must not cancel the
   * request the other still reads; the request ends once both have cancelled their side.
   */
  tee(): [this, this] {
    this.#claim();
    const { requestController: _shared, ...options } = this.#options;
    const Stream = this.constructor as StreamClass<this>;
    return this.#body.tee().map((body) => new Stream(body, options, this.response)) as [this, this];
  }

  /**
   * The final object. Called before consumption, it turns on accumulation and, unless the
   * stream gets iterated in the same tick, consumes the stream itself.
   */
  protected final(): Promise<Final> {
    if (!this.#started) {
      this.#accumulate();
      queueMicrotask(() => this.#started || this.#drain());
    } else if (!this.#accumulator) {
      return Promise.reject(
        new StreamStateError(
          `The final ${this.#protocol.noun} is unknown: the stream was read without accumulating. ` +
            "Call it before iterating, or pass { accumulate: true }.",
        ),
      );
    }
    return this.#final;
  }

  #claim(): void {
    if (this.#started) {
      throw new StreamStateError(
        "This stream was already consumed. Iterate it once, or call tee() first.",
      );
    }
    this.#started = true;
  }

  /** Starts the read; the limits run from here. */
  #open(withEvents: boolean): void {
    this.#claim();
    this.#withEvents = withEvents;
    this.#reader = new SseReader(this.#body, {
      signal: this.#controller.signal,
      comments: true,
      maxEventBytes: this.#options.maxEventBytes,
    });
    const idleTimeoutMs = limitOf(this.#options.idleTimeoutMs);
    const timeoutMs = limitOf(this.#options.timeoutMs);
    // Timers only when a limit is set: without them an event costs nothing more.
    if ((idleTimeoutMs ?? timeoutMs) !== undefined) {
      this.#timers = new StreamTimers(idleTimeoutMs, timeoutMs, (Limit, what) =>
        this.#stop(this.#fault(Limit, what)),
      );
    }
  }

  /** Aborts the read and the request behind it. The first reason stays, as with a signal. */
  #stop(reason: unknown): void {
    if (this.#abortReason) return;
    this.#abortReason = reason;
    this.#options.requestController?.abort(reason);
    this.#controller.abort(reason);
  }

  #accumulate(): void {
    this.#accumulator ??= this.#protocol.accumulator();
  }

  #project(pick: "text" | "reasoning"): AsyncIterable<string> {
    this.#accumulate();
    const stream = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of stream) {
          const text = stream.#protocol[pick](chunk);
          if (text) yield text;
        }
      },
    };
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this);
    } catch {
      // Reported through final().
    }
  }

  #next(): Promise<Read<Chunk>> {
    if (this.#inflight) return this.#inflight.then(() => this.#next());
    if (this.#closed) return Promise.resolve(END);
    try {
      const result = this.#step();
      if (result) return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(this.#fail(error));
    }
    const refill = this.#refill();
    const clear = () => {
      this.#inflight = undefined;
    };
    this.#inflight = refill.then(clear, clear);
    return refill;
  }

  async #refill(): Promise<Read<Chunk>> {
    try {
      for (;;) {
        if (this.#reader.ended) return this.#end(undefined);
        try {
          this.#items = await this.#reader.read();
        } catch (error) {
          // An abort's reason, or the typed HTTP error of an error answer, is typed already;
          // the runtime's `TypeError: terminated` (a reset) is not.
          if (error instanceof OpenRouterError) throw error;
          if (error instanceof EventTooLarge) {
            throw this.#fault(
              StreamParseError,
              `sent an event longer than maxEventBytes (${error.limit} characters): raise the option if such events are expected.`,
            );
          }
          throw this.#fault(
            StreamConnectionError,
            `lost its connection: ${failureDetail(error)}`,
            error,
          );
        }
        this.#position = 0;
        const result = this.#step();
        if (result) return result;
      }
    } catch (error) {
      throw this.#fail(error);
    }
  }

  /** Serves the next result from the items read, or undefined when a read is needed. */
  #step(): Read<Chunk> | undefined {
    if (this.#pendingError) throw this.#pendingError;
    const items = this.#items;
    while (this.#position < items.length) {
      // Items already read are not handed out once aborted.
      if (this.#abortReason) throw this.#abortReason;
      const item = items[this.#position++]!;
      this.#timers?.activity();
      if (item instanceof SseComment) {
        this.#options.onComment?.(item.text);
        this.#emit("comment", item.text);
        if (this.#withEvents) return { value: item, done: false };
      } else if (item.data === "[DONE]") {
        return this.#end(item);
      } else {
        const chunk = this.#accept(item.data);
        return { value: this.#withEvents ? item : chunk, done: false };
      }
    }
    return undefined;
  }

  #warn(error: StreamError): void {
    this.#warnings.push(error);
    this.#emit("warning", error);
  }

  /** Parses a chunk and takes it in: accumulation, in-stream errors, UI events. */
  #accept(data: string): Chunk {
    const chunk = this.#parse(data);
    if (this.#accumulator) this.#add(this.#accumulator, chunk);
    const failure = this.#protocol.errorOf(chunk);
    if (failure) {
      const error = inStreamError(failure, this.#context());
      // After a finish reason the answer is whole: the error is a warning (see `warnings`).
      if (this.#complete) this.#warn(error);
      else if (!this.#withEvents) throw error;
      else this.#pendingError = error;
    }
    if (!failure || this.#complete) {
      if (this.#listeners) {
        this.#emit("chunk", chunk);
        this.#protocol.dispatch(chunk, this.#emit, this.#accumulator, this.#emitOnce);
      }
      this.#complete ||= this.#protocol.completes(chunk);
    }
    return chunk;
  }

  #parse(data: string): Chunk {
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      // The payload may hold the conversation: only its length goes in the message.
      throw this.#fault(StreamParseError, `sent invalid JSON (${data.length} characters).`);
    }
    // Every protocol's chunks are objects; `null` or a number would fail in the protocol.
    if (typeof chunk !== "object" || chunk === null || Array.isArray(chunk)) {
      throw this.#fault(
        StreamParseError,
        `sent a chunk that is not a JSON object (${kindOf(chunk)}).`,
      );
    }
    return chunk as Chunk;
  }

  /** A chunk the accumulator cannot take in (an index that is not one…) ends the stream. */
  #add(accumulator: Accumulator<Chunk, Final>, chunk: Chunk): void {
    try {
      accumulator.add(chunk);
    } catch (error) {
      throw this.#fault(
        StreamParseError,
        `sent a chunk that could not be taken in. ${(error as Error)?.message ?? ""}`.trim(),
        error,
      );
    }
  }

  /** The end: `[DONE]` (its item), or the body ended (normal after a finish reason, else cut off). */
  #end(done: SseItem | undefined): Read<Chunk> {
    if (!done && !this.#complete) {
      throw this.#fault(
        StreamTruncatedError,
        "ended before the answer finished (no finish reason, no [DONE]).",
      );
    }
    this.#close(); // what follows [DONE] is never read
    const final = this.#accumulator?.result() as Final;
    this.#resolve(final);
    this.#emit("done", final);
    // Re-emission forwards [DONE]; the read is closed, so the call after it ends.
    return done && this.#withEvents ? { value: done, done: false } : END;
  }

  /** Ends the read on a failure; returns the error to raise. An abort's reason says why. */
  #fail(error: unknown): unknown {
    if (this.#closed) return error;
    this.#close();
    const typed = this.#abortReason ?? error;
    this.#reject(typed);
    this.#emit("error", typed);
    return typed;
  }

  /** The consumer left (break, return, cancel): stop reading and cancel the request. */
  #return(): Promise<IteratorReturnResult<undefined>> {
    if (!this.#closed) {
      this.#close();
      this.#stop(new AbortError("The stream was closed by its consumer before the end."));
      this.#reject(this.#abortReason);
    }
    return Promise.resolve(END);
  }

  #close(): void {
    this.#closed = true;
    this.#timers?.clear();
    this.#reader.close();
  }

  /**
   * An error raised mid-stream, its message saying which stream, with what had arrived and the
   * response headers.
   */
  #fault(Kind: PartialResultErrorClass, what: string, cause?: unknown): Error {
    return new Kind(`The ${this.#protocol.noun} stream ${what}`, { ...this.#context(), cause });
  }

  /** What the errors raised mid-stream carry: what had arrived, and the response headers. */
  #context(): PartialInit<Final> {
    return { partial: this.#accumulator?.result(), headers: this.response?.headers };
  }

  /** A field, so that it can be handed to the protocol's `dispatch` as it is. */
  readonly #emit = (name: string, ...args: unknown[]): void => {
    this.#listeners?.get(name)?.forEach((listener) => listener(...args));
  };

  /** The keys each once-only event has fired for. */
  #fired: Map<string, Set<unknown>> | undefined;

  readonly #emitOnce = (key: unknown, name: string, ...args: unknown[]): void => {
    const fired = (this.#fired ??= new Map());
    const keys = fired.get(name) ?? fired.set(name, new Set()).get(name)!;
    if (keys.has(key)) return;
    keys.add(key);
    this.#emit(name, ...args);
  };
}
