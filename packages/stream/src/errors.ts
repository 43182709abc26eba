import {
  ConnectionError,
  OpenRouterError,
  RETRYABLE_STATUSES,
  type OpenRouterErrorInit,
  type OpenRouterErrorKind,
} from "@or/fetch";
import type { InStreamError } from "./protocol";

/** Errors raised once a stream has started carry what had arrived: `partial`. */
export interface PartialInit<Partial> extends OpenRouterErrorInit {
  partial?: Partial;
}

/**
 * Mid-stream error codes are strings as often as numbers; this maps them to a status. A Map, so
 * that a code such as `"constructor"` finds nothing rather than `Object.prototype`'s member.
 */
const STATUS_OF_CODE = new Map<string, number>(
  Object.entries({
    bad_request: 400,
    invalid_request_error: 400,
    unauthorized: 401,
    authentication_error: 401,
    payment_required: 402,
    insufficient_quota: 402,
    forbidden: 403,
    moderation: 403,
    permission_error: 403,
    not_found: 404,
    not_found_error: 404,
    timeout: 408,
    request_timeout: 408,
    request_too_large: 413,
    rate_limit_exceeded: 429,
    rate_limited: 429,
    rate_limit_error: 429,
    server_error: 500,
    internal_error: 500,
    api_error: 500,
    bad_gateway: 502,
    provider_error: 502,
    upstream_error: 502,
    overloaded: 529,
    overloaded_error: 529,
    service_unavailable: 503,
  }),
);

/** The HTTP status a mid-stream error code stands for (500 when unknown). */
export function statusOfCode(code: unknown): number {
  if (typeof code === "number" && code >= 100 && code < 600) return code;
  if (typeof code === "string") {
    if (/^\d{3}$/.test(code)) return Number(code);
    return STATUS_OF_CODE.get(code.toLowerCase()) ?? 500;
  }
  return 500;
}

/**
 * The base of the errors raised once a stream has started: each carries what had arrived before
 * it (`partial`, when the stream was accumulating).
 */
export abstract class PartialResultError<Partial = unknown> extends OpenRouterError {
  declare readonly partial: Partial | undefined;
  constructor(
    kind: OpenRouterErrorKind,
    message: string,
    init: PartialInit<Partial>,
    retryable: boolean,
  ) {
    super(kind, message, { retryable, ...init });
    this.partial = init.partial;
  }
}

/**
 * The API reported an error inside a stream that had started (status 200 already sent): a
 * chunk with a top-level `error`, a Responses `error`/`response.failed` event, or a Messages
 * `error` event. `partial` holds what was accumulated before it.
 */
export class StreamError<Partial = unknown> extends PartialResultError<Partial> {
  override name = "StreamError";
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_error", message, init, false);
  }
}

/** The stream ended without its end marker before any finish reason: the answer was cut off. */
export class StreamTruncatedError<Partial = unknown> extends PartialResultError<Partial> {
  override name = "StreamTruncatedError";
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_truncated", message, init, true);
  }
}

/** Nothing (no data, no keep-alive comment) arrived for `idleTimeoutMs`. */
export class StreamIdleError<Partial = unknown> extends PartialResultError<Partial> {
  override name = "StreamIdleError";
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_idle", message, init, true);
  }
}

/** The stream's total `timeoutMs` passed before it ended. */
export class StreamTimeoutError<Partial = unknown> extends PartialResultError<Partial> {
  override name = "StreamTimeoutError";
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("timeout", message, init, true);
  }
}

/** A data line was not valid JSON. The payload is left out of the message on purpose. */
export class StreamParseError<Partial = unknown> extends PartialResultError<Partial> {
  override name = "StreamParseError";
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_parse", message, init, false);
  }
}

/** A transport failure after the stream started (a subclass of `ConnectionError`), with what had arrived. */
export class StreamConnectionError<Partial = unknown> extends ConnectionError {
  override name = "StreamConnectionError";
  declare readonly partial: Partial | undefined;
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super(message, init);
    this.partial = init.partial;
  }
}

/** The `StreamError` for an error the API reported inside the stream, its status mapped from the code. */
export function inStreamError<Partial>(
  failure: InStreamError,
  init: PartialInit<Partial>,
): StreamError<Partial> {
  const status = statusOfCode(failure.code);
  // `failure` brings `code` and `metadata` (its `message` goes into the error's own).
  return new StreamError(`${status} ${failure.message}`, {
    ...init,
    ...failure,
    status,
    retryable: RETRYABLE_STATUSES.includes(status),
  });
}

/** The class of an error raised mid-stream (`StreamParseError`…), for `EventStream` to build. */
export type PartialResultErrorClass = new (message: string, init: PartialInit<any>) => Error;

/** The stream was used in a way it cannot serve (iterated twice, finalCompletion too late). */
export class StreamStateError extends Error {
  override name = "StreamStateError";
}
