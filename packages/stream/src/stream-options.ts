import { MAX_EVENT_BYTES_LIMIT } from "./sse-framer";
import { kindOf } from "./wire-data";

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
 * that never holds. A time limit is a positive number of milliseconds (`Infinity`: none); `NaN`,
 * 0, negatives and non-numbers would fire at once, or never.
 */
export function checkStreamOptions(options: StreamOptions): void {
  check("The stream options", options, (o) => typeof o === "object" && o !== null, "an object");
  const { idleTimeoutMs, timeoutMs, maxEventBytes, accumulate, onComment, signal } = options;
  check("idleTimeoutMs", idleTimeoutMs, isDuration, "a positive number of milliseconds");
  check("timeoutMs", timeoutMs, isDuration, "a positive number of milliseconds");
  check(
    "maxEventBytes",
    maxEventBytes,
    isEventSize,
    `a whole number from 1 to ${MAX_EVENT_BYTES_LIMIT}`,
  );
  check("accumulate", accumulate, (a) => typeof a === "boolean", "true or false");
  check("onComment", onComment, (f) => typeof f === "function", "a function");
  check(
    "signal",
    signal,
    (s) => typeof (s as AbortSignal)?.addEventListener === "function",
    "an AbortSignal",
  );
}

function check(name: string, value: unknown, ok: (value: unknown) => boolean, what: string): void {
  if (value !== undefined && !ok(value)) {
    throw new TypeError(`${name} must be ${what}, not ${kindOf(value)}.`);
  }
}

const isDuration = (ms: unknown) => typeof ms === "number" && ms > 0;
const isEventSize = (n: unknown) =>
  Number.isInteger(n) && (n as number) >= 1 && (n as number) <= MAX_EVENT_BYTES_LIMIT;

/** A limit in effect: `undefined` for none (`Infinity` included). */
export function limitOf(ms: number | undefined): number | undefined {
  return ms === Infinity ? undefined : ms;
}
