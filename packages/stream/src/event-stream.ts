import { AbortError, OpenRouterError } from "@or/fetch";
import {
  StreamConnectionError,
  StreamError,
  StreamIdleError,
  StreamStateError,
  StreamTimeoutError,
  StreamTruncatedError,
  statusOfCode,
} from "./errors";
import type { Accumulator, Protocol } from "./protocol";
import { ReadLoop, type LoopHost, type LoopItem } from "./read-loop";
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

type Listener = (...args: any[]) => void;
type Outcome<Final> = { ok: true; value: Final | undefined } | { ok: false; error: unknown };

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
  /** Whether anyone ever subscribed: checked per chunk, so a plain field. */
  #listening = false;

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
      this.#controller.signal.addEventListener(
        "abort",
        () => requestController.abort(this.#controller.signal.reason),
        { once: true },
      );
    }
    if (signal) {
      const onAbort = () =>
        this.#controller.abort(new AbortError("The stream was aborted.", { cause: signal.reason }));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    }
  }

  /** Chunks in order. A stream can be iterated once; `tee()` makes two. */
  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    this.#claim();
    return new ReadLoop<Chunk, Final, Chunk>(this.#body, this.#host(), false);
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
    this.#listening = true;
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
    const items = new ReadLoop<Chunk, Final, LoopItem<Chunk>>(this.#body, this.#host(), true);
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done, value } = await items.next();
          if (done) return controller.close();
          if ("done" in value)
            return controller.enqueue(encoder.encode(encodeSseEvent({ data: "[DONE]" })));
          if ("comment" in value)
            return controller.enqueue(encoder.encode(encodeSseComment(value.comment)));
          controller.enqueue(encoder.encode(encodeSseEvent(value.event)));
        } catch (error) {
          // An in-stream error was already forwarded as its own event; a truncation is
          // reproduced by ending without [DONE]; anything else is reported in-band.
          if (!(error instanceof StreamError) && !(error instanceof StreamTruncatedError)) {
            const status = error instanceof OpenRouterError ? error.status : undefined;
            const event = this.#protocol.errorEvent({
              message: (error as Error).message,
              status: status ?? 502,
            });
            controller.enqueue(encoder.encode(encodeSseEvent(event)));
          }
          controller.close();
        }
      },
      // The reader left: like breaking out of a loop, this cancels the request.
      cancel: () => items.return().then(() => undefined),
    });
  }

  /** Two independent streams over the same bytes. This stream can no longer be consumed. */
  protected teeBodies(): [ReadableStream<Uint8Array>, ReadableStream<Uint8Array>] {
    this.#claim();
    return this.#body.tee();
  }

  /**
   * The options for the branches of `tee()`. Not the request controller: one branch leaving
   * must not cancel the request the other still reads; the request ends once both branches
   * have cancelled their side of the body.
   */
  protected get options(): StreamOptions {
    const { requestController: _shared, ...own } = this.#options;
    return own;
  }

  #claim(): void {
    if (this.#started) {
      throw new StreamStateError(
        "This stream was already consumed. Iterate it once, or call tee() first.",
      );
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

  /** What the read loop needs from this stream. */
  #host(): LoopHost<Chunk, Final> {
    const options = this.#options;
    return {
      protocol: this.#protocol,
      controller: this.#controller,
      idleTimeoutMs: options.idleTimeoutMs,
      timeoutMs: options.timeoutMs,
      headers: this.response?.headers,
      comment: (text) => {
        options.onComment?.(text);
        if (this.#listening) this.#emit("comment", text);
      },
      accept: (chunk) => {
        this.#accumulator?.add(chunk);
        const failure = this.#protocol.errorOf(chunk);
        if (failure) return this.#streamError(failure);
        if (this.#listening) this.#dispatch(chunk);
        return undefined;
      },
      partial: () => this.#partial(),
      finish: () => {
        this.#settle({ ok: true, value: this.#accumulator?.result() });
        if (this.#listening) this.#emit("done", this.#accumulator?.result());
      },
      fail: (error, transport) => {
        const typed = this.#typed(error, transport);
        this.#settle({ ok: false, error: typed });
        if (this.#listening) this.#emit("error", typed);
        return typed;
      },
      abandon: () => {
        this.#controller.abort(
          new AbortError("The stream was closed by its consumer before the end."),
        );
        this.#settle({ ok: false, error: this.#controller.signal.reason });
      },
    };
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

  #streamError(failure: {
    message: string;
    code?: number | string;
    metadata?: Record<string, unknown>;
  }) {
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

  /**
   * Whatever ended the loop, as one of our typed errors carrying the partial result. `transport`:
   * the error came from reading the body (the runtime's `TypeError: terminated`, a reset).
   */
  #typed(error: unknown, transport: boolean): unknown {
    const reason: unknown = this.#controller.signal.aborted
      ? this.#controller.signal.reason
      : undefined;
    const partial = this.#partial();
    const headers = this.response?.headers;
    if (reason instanceof StreamIdleError)
      return new StreamIdleError(reason.message, { partial, headers });
    if (reason instanceof StreamTimeoutError)
      return new StreamTimeoutError(reason.message, { partial, headers });
    if (reason instanceof AbortError) return reason;
    if (reason !== undefined) return new AbortError("The stream was aborted.", { cause: reason });
    // Ours are typed already; an error thrown by a listener is the caller's own, left as is.
    if (error instanceof OpenRouterError || !transport) return error;
    const detail = (error as Error)?.message ?? String(error);
    return new StreamConnectionError<Final>(
      `The connection broke during the ${this.#protocol.noun} stream: ${detail}`,
      {
        partial,
        cause: error,
        headers,
      },
    );
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
