import type { SseEvent } from "./sse-events";

/** Builds the final object of a stream from its chunks. */
export interface Accumulator<Chunk, Final> {
  add(chunk: Chunk): void;
  /** The object so far: complete after the last chunk, partial before. */
  result(): Final;
}

/** An error the API reported inside the stream. */
export interface InStreamError {
  message: string;
  code?: number | string;
  metadata?: Record<string, unknown>;
}

/** Emits a named UI event with its arguments. */
export type Emit = (name: string, ...args: unknown[]) => void;

/**
 * Emits a named UI event at most once per `key` (what the event is about: a tool call, an output
 * index), however many chunks repeat what triggers it.
 */
export type EmitOnce = (key: unknown, name: string, ...args: unknown[]) => void;

/** What differs between the chat, Responses and Messages streams. */
export interface Protocol<Chunk, Final> {
  /** Used in messages: "chat completion", "response", "message". */
  readonly noun: string;
  accumulator(): Accumulator<Chunk, Final>;
  /** The error this chunk reports, if it is an error chunk. */
  errorOf(chunk: Chunk): InStreamError | undefined;
  /** True when this chunk shows the answer finished: ending without `[DONE]` is then normal. */
  completes(chunk: Chunk): boolean;
  /** The visible text this chunk adds (first choice / output). */
  text(chunk: Chunk): string | undefined;
  /** The reasoning text this chunk adds. */
  reasoning(chunk: Chunk): string | undefined;
  /**
   * Emits the protocol's UI events for a chunk (`content`, `toolCallDelta`…); `emitOnce` for
   * those that must fire once per thing (`toolCallDone`), since chunks may repeat a finish.
   */
  dispatch(
    chunk: Chunk,
    emit: Emit,
    accumulated: Accumulator<Chunk, Final> | undefined,
    emitOnce: EmitOnce,
  ): void;
  /** An event in this protocol's own format reporting `error` (502 without a status), to re-emit. */
  errorEvent(error: { message: string; status?: number }): SseEvent;
}
