import { AbortError, ConnectionError, OpenRouterError } from "@or/fetch";
import {
  StreamError,
  StreamIdleError,
  StreamParseError,
  StreamStateError,
  StreamTimeoutError,
  StreamTruncatedError,
  statusOfCode,
} from "./errors";
import type { Accumulator, Protocol } from "./protocol";
import { sseEvents, type SseEvent } from "./sse-events";
import { StreamTimers } from "./stream-timers";
import { encodeSseEvent, encodeSseComment } from "./sse-encoding";

/** Options of every stream. All limits are off by default. */
export interface StreamOptions {
  /** Aborts the stream (and its HTTP request). */
  signal?: AbortSignal;
  /** Fail with `StreamIdleError` when nothing (data or keep-alive comment) arrives for this long. */
  idleTimeoutMs?: number;
  /** Fail with `StreamTimeoutError` when the whole stream takes longer. */
  timeoutMs?: number;
  /**
   * Build the final object while iterating. Off by default so memory stays flat on long
   * streams; `finalCompletion()`/`finalText()`, `textStream` and `on()` turn it on.
   */
  accumulate?: boolean;
  /** Called for each comment line, e.g. `OPENROUTER PROCESSING`. */
  onComment?: (comment: string) => void;
  /** Aborted together with the stream: the HTTP request behind it. */
  requestController?: AbortController;
}

/** A transport failure after the stream started, with what had arrived. */
export class StreamConnectionError<Partial = unknown> extends ConnectionError {
  override name = "StreamConnectionError";
  readonly partial: Partial | undefined;
  constructor(message: string, init: { partial?: Partial; cause?: unknown; headers?: Headers } = {}) {
    super(message, init);
    this.partial = init.partial;
  }
}

type Listener = (...args: any[]) => void;
type Outcome<Final> = { ok: true; value: Final | undefined } | { ok: false; error: unknown };
type Item<Chunk> = { chunk: Chunk; event: SseEvent } | { comment: string };


/**
 * The machinery shared by `ChatStream`, `ResponsesStream` and `MessagesStream`: single
 * consumption, `[DONE]` and truncation, in-stream errors, timeouts, cancellation, accumulation,
 * UI events, re-emission and tee.
 */
export class EventStream<Chunk, Final> implements AsyncIterable<Chunk> {
  /** The HTTP response the stream came from, when there was one. */
  readonly response: Response | undefined;
  /** `X-Generation-Id`: look the request up later with `getGeneration`. */
  readonly generationId: string | undefined;
  readonly #body: ReadableStream<Uint8Array>;
  readonly #protocol: Protocol<Chunk, Final>;
  readonly #options: StreamOptions;
  readonly #controller = new AbortController();
  #started = false;
  #accumulator: Accumulator<Chunk, Final> | undefined;
  #outcome: Outcome<Final> | undefined;
  #waiters: { resolve: (v: Final) => void; reject: (e: unknown) => void }[] = [];
  #listeners = new Map<string, Set<Listener>>();

  constructor(
    body: ReadableStream<Uint8Array>,
    protocol: Protocol<Chunk, Final>,
    options: StreamOptions = {},
    response?: Response,
  ) {
    this.#body = body;
    this.#protocol = protocol;
    this.#options = options;
    this.response = response;
    this.generationId = response?.headers.get("x-generation-id") ?? undefined;
    if (options.accumulate) this.#accumulator = protocol.accumulator();
    const { signal, requestController } = options;
    if (requestController) {
      this.#controller.signal.addEventListener("abort", () => requestController.abort(this.#controller.signal.reason), { once: true });
    }
    if (signal) {
      const onAbort = () => this.#controller.abort(new AbortError("The stream was aborted.", { cause: signal.reason }));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    }
  }

  /** Chunks in order. A stream can be iterated once; `tee()` makes two. */
  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    this.#claim();
    return this.#run(false) as AsyncGenerator<Chunk>;
  }

  /** Stops the stream and cancels its HTTP request (billing stops on providers that support it). */
  abort(reason?: unknown): void {
    this.#controller.abort(new AbortError("The stream was aborted.", { cause: reason }));
  }

  /** Whether the stream was aborted, by `abort()`, a signal, a limit or its consumer leaving. */
  get aborted(): boolean {
    return this.#controller.signal.aborted;
  }

  /** The visible text as it arrives (first choice or output). Turns on accumulation. */
  get textStream(): AsyncIterable<string> {
    return this.#project((chunk) => this.#protocol.text(chunk));
  }

  /** The reasoning text as it arrives. Turns on accumulation. */
  get reasoningStream(): AsyncIterable<string> {
    return this.#project((chunk) => this.#protocol.reasoning(chunk));
  }

  /**
   * Subscribes to UI events: `chunk`, `content`, `reasoning`, `comment`, `done`, `error`, plus
   * the protocol's own (`toolCallDelta`, `toolCallDone`, …). Turns on accumulation. Events fire
   * while the stream is consumed (by iteration, `textStream` or `final…()`).
   */
  on(name: string, listener: Listener): this {
    this.#accumulate();
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(name: string, listener: Listener): this {
    this.#listeners.get(name)?.delete(listener);
    return this;
  }

  /**
   * The final object. Called before consumption, it turns on accumulation and, unless the
   * stream gets iterated in the same tick, consumes the stream itself.
   */
  protected final(): Promise<Final> {
    if (!this.#accumulator) {
      if (this.#started) {
        return Promise.reject(
          new StreamStateError(
            `The stream was consumed without accumulating, so the final ${this.#protocol.noun} is unknown. ` +
              "Call it before iterating, or create the stream with { accumulate: true }.",
          ),
        );
      }
      this.#accumulate();
    }
    if (this.#outcome) {
      const outcome = this.#outcome;
      return outcome.ok ? Promise.resolve(outcome.value as Final) : Promise.reject(outcome.error);
    }
    if (!this.#started) {
      queueMicrotask(() => {
        if (!this.#started) void this.#drain();
      });
    }
    return new Promise<Final>((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * The stream re-encoded as SSE bytes, to forward to a browser (`fromReadableStream` on the
   * other side gives back every chunk). Keep-alive comments are forwarded; a failure is sent as
   * an error event in the protocol's format, so the far side raises it too.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    this.#claim();
    const encoder = new TextEncoder();
    const items = this.#run(true) as AsyncGenerator<Item<Chunk> | { done: true }>;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done, value } = await items.next();
          if (done) return controller.close();
          if ("done" in value) return controller.enqueue(encoder.encode(encodeSseEvent({ data: "[DONE]" })));
          if ("comment" in value) return controller.enqueue(encoder.encode(encodeSseComment(value.comment)));
          controller.enqueue(encoder.encode(encodeSseEvent(value.event)));
        } catch (error) {
          // An in-stream error was already forwarded as its own event; a truncation is
          // reproduced by ending without [DONE]; anything else is reported in-band.
          if (!(error instanceof StreamError) && !(error instanceof StreamTruncatedError)) {
            const status = error instanceof OpenRouterError ? error.status : undefined;
            const event = this.#protocol.errorEvent({ message: (error as Error).message, status: status ?? 502 });
            controller.enqueue(encoder.encode(encodeSseEvent(event)));
          }
          controller.close();
        }
      },
      cancel: async (reason) => {
        this.abort(reason);
        await items.return(undefined);
      },
    });
  }

  /** Two independent streams over the same bytes. This stream can no longer be consumed. */
  protected teeBodies(): [ReadableStream<Uint8Array>, ReadableStream<Uint8Array>] {
    this.#claim();
    return this.#body.tee();
  }

  protected get options(): StreamOptions {
    return this.#options;
  }

  #claim(): void {
    if (this.#started) {
      throw new StreamStateError("This stream was already consumed. Iterate it once, or call tee() first.");
    }
    this.#started = true;
  }

  #accumulate(): void {
    this.#accumulator ??= this.#protocol.accumulator();
  }

  #project(pick: (chunk: Chunk) => string | undefined): AsyncIterable<string> {
    this.#accumulate();
    return {
      [Symbol.asyncIterator]: async function* (this: EventStream<Chunk, Final>) {
        for await (const chunk of this) {
          const text = pick(chunk);
          if (text) yield text;
        }
      }.bind(this),
    };
  }

  async #drain(): Promise<void> {
    try {
      for await (const _ of this);
    } catch {
      // Reported through final().
    }
  }

  /** The read loop. `withEvents` yields raw events, comments and the end marker for re-emission. */
  async *#run(withEvents: boolean): AsyncGenerator<Chunk | Item<Chunk> | { done: true }> {
    const protocol = this.#protocol;
    const timers = new StreamTimers(this.#controller, this.#options.idleTimeoutMs, this.#options.timeoutMs);
    const comments: string[] = [];
    const onComment = (comment: string) => {
      timers.activity();
      this.#options.onComment?.(comment);
      if (this.#listeners.size > 0) this.#emit("comment", comment);
      if (withEvents) comments.push(comment);
    };
    let sawDone = false;
    let complete = false;
    let settled = false;
    try {
      for await (const event of sseEvents(this.#body, { signal: this.#controller.signal, onComment })) {
        timers.activity();
        if (withEvents) while (comments.length > 0) yield { comment: comments.shift()! };
        if (event.data === "[DONE]") {
          sawDone = true;
          break;
        }
        let chunk: Chunk;
        try {
          chunk = JSON.parse(event.data) as Chunk;
        } catch {
          throw new StreamParseError(
            `A ${protocol.noun} stream event held invalid JSON (${event.data.length} characters).`,
            { partial: this.#partial() },
          );
        }
        this.#accumulator?.add(chunk);
        const failure = protocol.errorOf(chunk);
        if (failure) {
          if (withEvents) yield { chunk, event };
          throw this.#streamError(failure);
        }
        if (!complete && protocol.completes(chunk)) complete = true;
        if (this.#listeners.size > 0) this.#dispatch(chunk);
        yield withEvents ? { chunk, event } : chunk;
      }
      if (!sawDone && !complete) {
        throw new StreamTruncatedError(
          `The ${protocol.noun} stream ended before the answer finished (no finish reason, no [DONE]).`,
          { partial: this.#partial() },
        );
      }
      if (withEvents && sawDone) yield { done: true };
      settled = true;
      this.#settle({ ok: true, value: this.#accumulator?.result() });
      if (this.#listeners.size > 0) this.#emit("done", this.#accumulator?.result());
    } catch (error) {
      const typed = this.#typed(error);
      settled = true;
      this.#settle({ ok: false, error: typed });
      if (this.#listeners.size > 0) this.#emit("error", typed);
      throw typed;
    } finally {
      timers.clear();
      if (!settled) {
        // The consumer left early (break/return): cancel the request.
        this.#controller.abort(new AbortError("The stream was closed by its consumer before the end."));
        this.#settle({ ok: false, error: this.#controller.signal.reason });
      }
    }
  }

  #dispatch(chunk: Chunk): void {
    this.#emit("chunk", chunk);
    this.#protocol.dispatch(chunk, (name, ...args) => this.#emit(name, ...args), this.#accumulator);
  }

  #emit(name: string, ...args: unknown[]): void {
    const set = this.#listeners.get(name);
    if (set) for (const listener of set) listener(...args);
  }

  #partial(): Final | undefined {
    return this.#accumulator?.result();
  }

  #streamError(failure: { message: string; code?: number | string; metadata?: Record<string, unknown> }) {
    const status = statusOfCode(failure.code);
    return new StreamError<Final>(`${status} ${failure.message}`, {
      status,
      code: failure.code,
      metadata: failure.metadata,
      headers: this.response?.headers,
      partial: this.#partial(),
      retryable: [408, 429, 500, 502, 503, 524, 529].includes(status),
    });
  }

  /** Whatever ended the loop, as one of our typed errors carrying the partial result. */
  #typed(error: unknown): OpenRouterError {
    const reason: unknown = this.#controller.signal.aborted ? this.#controller.signal.reason : undefined;
    const partial = this.#partial();
    const headers = this.response?.headers;
    if (reason instanceof StreamIdleError) return new StreamIdleError(reason.message, { partial, headers });
    if (reason instanceof StreamTimeoutError) return new StreamTimeoutError(reason.message, { partial, headers });
    if (reason instanceof AbortError) return reason;
    if (reason !== undefined) return new AbortError("The stream was aborted.", { cause: reason });
    if (error instanceof OpenRouterError) return error;
    const detail = (error as Error)?.message ?? String(error);
    return new StreamConnectionError<Final>(`The connection broke during the ${this.#protocol.noun} stream: ${detail}`, {
      partial,
      cause: error,
      headers,
    });
  }

  #settle(outcome: Outcome<Final>): void {
    if (this.#outcome) return;
    this.#outcome = outcome;
    for (const waiter of this.#waiters) {
      if (outcome.ok) waiter.resolve(outcome.value as Final);
      else waiter.reject(outcome.error);
    }
    this.#waiters = [];
  }
}
