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
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`The stream options must be an object, not ${describe(options)}.`);
  }
  const { idleTimeoutMs, timeoutMs, maxEventBytes, accumulate, onComment, signal } = options;
  checkDuration("idleTimeoutMs", idleTimeoutMs);
  checkDuration("timeoutMs", timeoutMs);
  if (maxEventBytes !== undefined && !isIntegerIn(maxEventBytes, 1, MAX_EVENT_BYTES_LIMIT)) {
    throw new TypeError(
      `maxEventBytes must be a whole number from 1 to ${MAX_EVENT_BYTES_LIMIT} (the default is ${DEFAULT_MAX_EVENT_BYTES}), not ${describe(maxEventBytes)}.`,
    );
  }
  if (accumulate !== undefined && typeof accumulate !== "boolean") {
    throw new TypeError(`accumulate must be true or false, not ${describe(accumulate)}.`);
  }
  if (onComment !== undefined && typeof onComment !== "function") {
    throw new TypeError(`onComment must be a function, not ${describe(onComment)}.`);
  }
  if (signal !== undefined && !isSignal(signal)) {
    throw new TypeError(`signal must be an AbortSignal, not ${describe(signal)}.`);
  }
}

/**
 * A time limit is a positive number of milliseconds; `Infinity` is no limit, like leaving it
 * out. `NaN`, 0, negatives and non-numbers are refused: each would fire at once, or never.
 */
function checkDuration(name: string, value: unknown): void {
  if (value === undefined || (typeof value === "number" && value > 0)) return;
  throw new TypeError(
    `${name} must be a positive number of milliseconds (Infinity or leaving it out: no limit), not ${describe(value)}.`,
  );
}

/** A limit in effect: `undefined` for none (`Infinity` included). */
export function limitOf(ms: number | undefined): number | undefined {
  return ms === Infinity ? undefined : ms;
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function isSignal(value: unknown): boolean {
  const signal = value as AbortSignal | null;
  return (
    typeof signal === "object" &&
    signal !== null &&
    typeof signal.aborted === "boolean" &&
    typeof signal.addEventListener === "function"
  );
}

/** The value as a message may show it (options are the caller's own, never from the wire). */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "object" && value !== null)
    return Array.isArray(value) ? "a list" : "an object";
  return String(value);
}
