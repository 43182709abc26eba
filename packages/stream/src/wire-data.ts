import { StreamParseError } from "./errors";
import type { InStreamError } from "./protocol";

/**
 * Chunks come from the network: their indexes and keys are never trusted. An index only ever
 * indexes something once it is a non-negative safe integer, and keys are copied as own fields,
 * so that `"__proto__"`, `"constructor"` or `"prototype"` cannot reach a prototype.
 */

type Fields = Record<string, any>;

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An index sent on the wire (`index`, `output_index`…) as a number that may index a collection:
 * a non-negative safe integer. One the chunk leaves out is 0 (some OpenAI-compatible providers
 * omit it when there is only one). Anything else throws `StreamParseError`.
 * @example
 * wireIndex(2, "choice index"); // 2
 * wireIndex("__proto__", "choice index"); // throws StreamParseError
 */
export function wireIndex(value: unknown, what: string): number {
  if (value === undefined) return 0;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw invalid(`${what} is ${kindOf(value)}, not a non-negative integer`);
}

/** A list field of a chunk: absent or null is empty; anything but an array throws. */
export function listOf(value: unknown, what: string): readonly unknown[] {
  if (value === undefined || value === null) return EMPTY;
  if (Array.isArray(value)) return value;
  throw invalid(`${what} is ${kindOf(value)}, not a list`);
}

/** An object field of a chunk: anything but an object throws. */
export function recordOf(value: unknown, what: string): Fields {
  if (isRecord(value)) return value;
  throw invalid(`${what} is ${kindOf(value)}, not an object`);
}

/**
 * Sets `target[key]` as an own field. A plain assignment to `"__proto__"` would replace the
 * target's prototype instead (and lose the value).
 */
export function setField(target: Fields, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/** A chunk that cannot be taken in: the message says what was wrong, never the value itself. */
export function invalid(what: string): StreamParseError {
  return new StreamParseError(`The chunk's ${what}.`);
}

/**
 * What an accumulator throws when `add` fails: a `StreamParseError` carrying the result so far,
 * whatever went wrong (a chunk of a shape no check foresaw included: never a raw `TypeError`).
 */
export function malformedChunk(
  error: unknown,
  accumulator: { result(): unknown },
): StreamParseError {
  let partial: unknown;
  try {
    partial = accumulator.result();
  } catch {
    // Nothing better to carry.
  }
  const message =
    error instanceof StreamParseError
      ? error.message
      : `A chunk could not be taken in (${(error as Error)?.message ?? String(error)}).`;
  return new StreamParseError(message, { partial, cause: error });
}

/** What kind of value this is, for messages (a value from the wire may hold the conversation). */
export function kindOf(value: unknown): string {
  if (typeof value === "string") return `a string (${value.length} characters)`;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * An error object from the wire as an `InStreamError`: its message only if it is a string, its
 * code only if a string or number, its metadata only if an object. (A `message` that is an object
 * would fail in a template string, or read as "[object Object]".)
 */
export function wireFailure(error: unknown, fallback: string): InStreamError {
  if (typeof error === "string") return { message: error || fallback };
  const fields = isRecord(error) ? error : {};
  const { message, code, metadata } = fields;
  return {
    message: typeof message === "string" && message ? message : fallback,
    code: typeof code === "string" || typeof code === "number" ? code : undefined,
    metadata: isRecord(metadata) ? metadata : undefined,
  };
}
