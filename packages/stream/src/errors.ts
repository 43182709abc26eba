import { OpenRouterError, type OpenRouterErrorInit } from "@or/fetch";

/** Errors raised once a stream has started carry what had arrived: `partial`. */
interface PartialInit<Partial> extends OpenRouterErrorInit {
  partial?: Partial;
}

/** Mid-stream error codes are strings as often as numbers; this maps them to a status. */
const STATUS_OF_CODE: Record<string, number> = {
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
  overloaded: 529,
  overloaded_error: 529,
  service_unavailable: 503,
};

/** The HTTP status a mid-stream error code stands for (500 when unknown). */
export function statusOfCode(code: unknown): number {
  if (typeof code === "number" && code >= 100 && code < 600) return code;
  if (typeof code === "string") {
    if (/^\d{3}$/.test(code)) return Number(code);
    return STATUS_OF_CODE[code.toLowerCase()] ?? 500;
  }
  return 500;
}

/**
 * The API reported an error inside a stream that had started (status 200 already sent): a
 * chunk with a top-level `error`, a Responses `error`/`response.failed` event, or a Messages
 * `error` event. `partial` holds what was accumulated before it.
 */
export class StreamError<Partial = unknown> extends OpenRouterError {
  override name = "StreamError";
  readonly partial: Partial | undefined;
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_error", message, init);
    this.partial = init.partial;
  }
}

/** The stream ended without its end marker before any finish reason: the answer was cut off. */
export class StreamTruncatedError<Partial = unknown> extends OpenRouterError {
  override name = "StreamTruncatedError";
  readonly partial: Partial | undefined;
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_truncated", message, { retryable: true, ...init });
    this.partial = init.partial;
  }
}

/** Nothing (no data, no keep-alive comment) arrived for `idleTimeoutMs`. */
export class StreamIdleError<Partial = unknown> extends OpenRouterError {
  override name = "StreamIdleError";
  readonly partial: Partial | undefined;
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_idle", message, { retryable: true, ...init });
    this.partial = init.partial;
  }
}

/** The stream's total `timeoutMs` passed before it ended. */
export class StreamTimeoutError<Partial = unknown> extends OpenRouterError {
  override name = "StreamTimeoutError";
  readonly partial: Partial | undefined;
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("timeout", message, { retryable: true, ...init });
    this.partial = init.partial;
  }
}

/** A data line was not valid JSON. The payload is left out of the message on purpose. */
export class StreamParseError<Partial = unknown> extends OpenRouterError {
  override name = "StreamParseError";
  readonly partial: Partial | undefined;
  constructor(message: string, init: PartialInit<Partial> = {}) {
    super("stream_parse", message, init);
    this.partial = init.partial;
  }
}

/** The stream was used in a way it cannot serve (iterated twice, finalCompletion too late). */
export class StreamStateError extends Error {
  override name = "StreamStateError";
}
