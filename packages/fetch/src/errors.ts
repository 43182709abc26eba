import { redactHeaders, redactText, redactValue } from "./redaction";
import { serverDelayMs } from "./server-delay";

/** What kind of failure an `OpenRouterError` is, for `switch` statements. */
export type OpenRouterErrorKind =
  | "bad_request"
  | "unauthorized"
  | "payment_required"
  | "forbidden"
  | "not_found"
  | "request_timeout"
  | "conflict"
  | "rate_limited"
  | "server"
  | "http"
  | "connection"
  | "timeout"
  | "abort"
  // Raised by @or/stream once a stream has started:
  | "stream_error"
  | "stream_truncated"
  | "stream_idle"
  | "stream_parse";

/** The error body OpenRouter sends: `{ error: { code, message, metadata? } }`. */
export interface OpenRouterErrorBody {
  error: { code?: number | string; message?: string; metadata?: Record<string, unknown> | null };
}

/**
 * Whether the server may have acted on a request that failed without an answer: `"not_sent"`
 * (no connection was made: refused, DNS), `"uncertain"` (it broke or timed out after the request
 * may have been written), `"answered"` (the answer had begun; its body was cut).
 */
export type Delivery = "not_sent" | "uncertain" | "answered";

export interface OpenRouterErrorInit {
  status?: number;
  code?: number | string;
  metadata?: Record<string, unknown>;
  headers?: Headers;
  cause?: unknown;
  retryable?: boolean;
  delivery?: Delivery;
}

const JSON_FIELDS = [
  "name",
  "kind",
  "message",
  "status",
  "code",
  "metadata",
  "generationId",
  "requestId",
  "retryable",
  "delivery",
  "retryAfterMs",
] as const;

/**
 * Every failure of a request: an HTTP error answer, or a transport failure (`ConnectionError`,
 * `TimeoutError`, `AbortError`). Never contains the API key.
 * @example
 * try { await unwrap(client.GET("/credits")); }
 * catch (e) { if (e instanceof OpenRouterError && e.kind === "payment_required") topUp(); }
 */
export class OpenRouterError extends Error {
  override name = "OpenRouterError";
  declare readonly kind: OpenRouterErrorKind;
  /** HTTP status, when the API answered. */
  declare readonly status: number | undefined;
  /** `error.code` from the body (usually the status; a string such as `"server_error"` in streams). */
  declare readonly code: number | string | undefined;
  /** `error.metadata` from the body: `raw` (provider error), `limit_source`, moderation `reasons`… */
  declare readonly metadata: Record<string, unknown> | undefined;
  /** Response headers, redacted like log lines (an echoed key would be hidden). */
  declare readonly headers: Headers;
  /** Whether sending the same request again may succeed. */
  declare readonly retryable: boolean;
  /**
   * For failures without an answer (connection, timeout, abort): whether the server may have
   * acted on the request. A create whose delivery is `"uncertain"` or `"answered"` may exist.
   */
  declare readonly delivery: Delivery | undefined;

  constructor(kind: OpenRouterErrorKind, message: string, init: OpenRouterErrorInit = {}) {
    super(redactText(message), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    // Providers echo requests in `raw`: metadata is redacted like the message.
    this.metadata = init.metadata && redactValue(init.metadata);
    this.headers = new Headers(init.headers && redactHeaders(init.headers));
    this.retryable = init.retryable ?? false;
    this.delivery = init.delivery;
  }

  /** `X-Generation-Id` of the failed request, when the API assigned one. */
  get generationId(): string | undefined {
    return this.headers.get("x-generation-id") ?? undefined;
  }

  /** The request id header, for support tickets. */
  get requestId(): string | undefined {
    return this.headers.get("x-request-id") ?? this.headers.get("cf-ray") ?? undefined;
  }

  /** How long the API asked to wait before trying again (`retry-after-ms` or `Retry-After`). */
  get retryAfterMs(): number | undefined {
    return serverDelayMs(this.headers);
  }

  /** What `JSON.stringify` shows: the fields above (headers only through the ids they hold). */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(JSON_FIELDS.map((field) => [field, this[field]]));
  }

  /**
   * What `util.inspect` (and so `console.log` and crash output) shows: the error and its cause
   * chain, redacted. The `cause` is the runtime's own error, kept as is for code that reads it;
   * its text may quote a key (a proxy's message, a header the runtime refused).
   */
  [Symbol.for("nodejs.util.inspect.custom")](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    const view = Object.assign(new Error(this.message), this.toJSON());
    view.stack = this.stack;
    if (this.cause !== undefined) view.cause = this.cause;
    return redactText(inspect(view, options));
  }
}

/** 400: the request is malformed or asks for something the model cannot do. */
export class BadRequestError extends OpenRouterError {
  override name = "BadRequestError";
}
/** 401: the key is missing, invalid or disabled, or the OAuth session expired. */
export class AuthenticationError extends OpenRouterError {
  override name = "AuthenticationError";
}
/** 402: out of credits or over a key/budget limit; see `metadata.limit_source`. */
export class PaymentRequiredError extends OpenRouterError {
  override name = "PaymentRequiredError";
}
/** 403: not allowed: permissions, a guardrail, or moderation (`metadata.reasons`). */
export class PermissionDeniedError extends OpenRouterError {
  override name = "PermissionDeniedError";
}
/** 404: no such model, key, generation, … */
export class NotFoundError extends OpenRouterError {
  override name = "NotFoundError";
}
/** 408: the API gave up waiting. */
export class RequestTimeoutError extends OpenRouterError {
  override name = "RequestTimeoutError";
}
/** 429: rate limited; `retryAfterMs` says how long to wait when the API said. */
export class RateLimitError extends OpenRouterError {
  override name = "RateLimitError";
}
/** 5xx: the API or the provider behind it failed (502 model down, 503 no provider, 524/529). */
export class ServerError extends OpenRouterError {
  override name = "ServerError";
}
/** The connection failed or broke before an answer (DNS, refused, reset, cut mid-stream). */
export class ConnectionError extends OpenRouterError {
  override name = "ConnectionError";
  constructor(message: string, init: OpenRouterErrorInit = {}) {
    super("connection", message, { retryable: true, delivery: "uncertain", ...init });
  }
}
/** `timeoutMs` passed before the response headers arrived. */
export class TimeoutError extends OpenRouterError {
  override name = "TimeoutError";
  constructor(message: string, init: OpenRouterErrorInit = {}) {
    super("timeout", message, { retryable: true, delivery: "uncertain", ...init });
  }
}
/** The caller's `AbortSignal` fired. */
export class AbortError extends OpenRouterError {
  override name = "AbortError";
  constructor(message = "The request was aborted.", init: OpenRouterErrorInit = {}) {
    super("abort", message, init);
  }
}

type HttpErrorClass = new (
  kind: OpenRouterErrorKind,
  message: string,
  init?: OpenRouterErrorInit,
) => OpenRouterError;

const BY_STATUS: Record<number, [OpenRouterErrorKind, HttpErrorClass]> = {
  400: ["bad_request", BadRequestError],
  401: ["unauthorized", AuthenticationError],
  402: ["payment_required", PaymentRequiredError],
  403: ["forbidden", PermissionDeniedError],
  404: ["not_found", NotFoundError],
  408: ["request_timeout", RequestTimeoutError],
  409: ["conflict", OpenRouterError],
  429: ["rate_limited", RateLimitError],
};

/**
 * What a runtime says of a failed connection. undici's own message is vague (`fetch failed`,
 * `terminated`): the reason is its `cause` (`connect ECONNREFUSED 127.0.0.1:1`, `other side
 * closed`). Other runtimes put the reason in the message.
 * @example
 * try { await fetch("http://127.0.0.1:1") } catch (error) { failureDetail(error) } // "connect ECONNREFUSED 127.0.0.1:1"
 */
export function failureDetail(error: unknown): string {
  const failure = error as { message?: string; cause?: { message?: string } };
  return failure?.cause?.message || failure?.message || String(error);
}

/** Socket errors raised before any byte of the request could leave: nothing reached a server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Whether a `fetch` failure happened before the request could be sent. Runtimes that give no
 * code (browsers say only `Failed to fetch`) are `"uncertain"`: the safe answer.
 */
export function deliveryOf(error: unknown): Delivery {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code) ? "not_sent" : "uncertain";
}

/** Statuses worth sending again by default. */
export const RETRYABLE_STATUSES = [408, 409, 429, 500, 502, 503, 524, 529];

/** The provider's own error (`metadata.raw`), shown in messages because it is what explains a 502. */
function rawDetail(metadata: Record<string, unknown> | undefined): string {
  const raw = metadata?.raw;
  if (raw === undefined || raw === null) return "";
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  const provider =
    typeof metadata?.provider_name === "string" ? ` from ${metadata.provider_name}` : "";
  return ` (provider error${provider}: ${text.length > 500 ? `${text.slice(0, 500)}…` : text})`;
}

/**
 * Builds the typed error for an HTTP error answer from its parsed body.
 * @example
 * const { error, response } = await client.GET("/credits");
 * if (error) throw errorFromResponse(response, error);
 */
export function errorFromResponse(response: Response, body: unknown): OpenRouterError {
  const status = response.status;
  const detail = (body as OpenRouterErrorBody | undefined)?.error;
  const metadata = detail?.metadata ?? undefined;
  const [kind, ErrorClass] =
    BY_STATUS[status] ?? (status >= 500 ? ["server", ServerError] : ["http", OpenRouterError]);
  const message = `${status} ${detail?.message ?? (response.statusText || "Request failed")}${rawDetail(metadata)}`;
  const inFlight = status === 402 && response.headers.has("retry-after");
  return new ErrorClass(kind, message, {
    status,
    code: detail?.code ?? status,
    metadata,
    headers: response.headers,
    retryable: RETRYABLE_STATUSES.includes(status) || inFlight,
  });
}
