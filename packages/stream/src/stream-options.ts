import { DEFAULT_MAX_EVENT_BYTES, MAX_EVENT_BYTES_LIMIT } from "./sse-framer";

/** Options of every stream. The time limits are off by default. */
export interface StreamOptions {
  /** Aborts the stream (and its HTTP request). */
  signal?: AbortSignal;
  /** Fail with `StreamIdleError` when nothing (data or keep-alive comment) arrives for this long. */
  idleTimeoutMs?: number;
  /** Fail with `StreamTimeoutError` when the whole stream takes longer. */
  timeoutMs?: number;
  /**
   * The longest event, in characters of its decoded text (its bytes, for ASCII JSON): 32 MiB by
   * default, room for an inline base64 image. A longer one fails with `StreamParseError` as soon
   * as it passes the limit, without buffering more.
   */
  maxEventBytes?: number;
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

/**
 * Checks the options of a stream when it is made (or its request sent), so that a wrong value
 * fails at once with a `TypeError` naming the option, not later as a spinning timer or a limit
 * that never holds.
 */
export function checkStreamOptions(options: StreamOptions): void {
  const { maxEventBytes } = options;
  if (maxEventBytes !== undefined && !isIntegerIn(maxEventBytes, 1, MAX_EVENT_BYTES_LIMIT)) {
    throw new TypeError(
      `maxEventBytes must be a whole number from 1 to ${MAX_EVENT_BYTES_LIMIT} (the default is ${DEFAULT_MAX_EVENT_BYTES}), not ${describe(maxEventBytes)}.`,
    );
  }
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** The value as a message may show it: options are the caller's own, never secrets. */
function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
