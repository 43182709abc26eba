/**
 * One recorded interaction with the API. Stored as `fixtures/<operationId>/<name>.json` and
 * described by `schema/fixture.schema.json`.
 */
export interface Fixture {
  /** Unique within its operation; with the operation id it names the fixture: `op/name`. */
  name: string;
  operationId: string;
  /** What the interaction shows, in a sentence. */
  description?: string;
  request: FixtureRequest;
  response: FixtureResponse;
  /** Faults applied every time this fixture is replayed (see `Fault`). */
  faults?: Fault[];
}

export interface FixtureRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the API base (`/chat/completions`, `/keys/abc`), path parameters filled in. */
  path: string;
  /** Query parameters as sent; a request matches when it carries all of these. */
  query?: Record<string, string>;
  /** Headers as sent, secrets replaced by placeholders such as `Bearer <redacted:api-key>`. */
  headers?: Record<string, string>;
  /** The JSON body as sent (multipart bodies are recorded as their text fields). */
  body?: unknown;
  /**
   * When several fixtures share method, path and query: the deep subset of the request body
   * that selects this one (`{ "stream": true }`). Fixtures without it are the fallback.
   */
  bodyMatch?: Record<string, unknown>;
  /** False for operations that need no `Authorization` header. Default true. */
  auth?: boolean;
  /**
   * Served only when asked for by name (`x-or-fixture: op/name` header, or a fault that needs
   * it): error cases and stream variants. Each operation keeps one non-explicit success fixture
   * per `bodyMatch` (e.g. one plain, one `{ "stream": true }`).
   */
  explicit?: boolean;
}

export interface FixtureResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  body?: unknown;
  /** A non-JSON body (an HTML error page, an RSS feed, audio as base64 with `encoding`). */
  text?: string;
  encoding?: "utf8" | "base64";
  /** A server-sent event stream, in order. */
  sse?: SseItem[];
  /** Line ending used when writing `sse`. Default `"\n"`. */
  lineEnding?: "\n" | "\r\n" | "\r";
}

/** One item of an SSE stream: an event, or a comment line (`: OPENROUTER PROCESSING`). */
export type SseItem =
  | {
      /** An object is written as JSON; a string is written as is (`[DONE]`, malformed data). */
      data: unknown;
      event?: string;
      id?: string;
      /** Wait this long before writing the item. */
      delayMs?: number;
    }
  | { comment: string; delayMs?: number };

/** A way to misbehave on purpose, for client and stream tests. */
export type Fault =
  /** Answer successive requests with these statuses (error fixtures or generic bodies), then normally. */
  | { type: "status-sequence"; statuses: number[]; retryAfter?: string; retryAfterMs?: number }
  /** Wait before sending the response headers. */
  | { type: "delay-headers"; ms: number }
  /** Stop writing after `afterItems` SSE items (or bytes of a JSON body) for `ms`, or forever. */
  | { type: "stall"; afterItems?: number; afterBytes?: number; ms?: number }
  /** Destroy the socket before any response byte. */
  | { type: "reset-before-headers" }
  /** Destroy the socket after `afterItems` SSE items or `afterBytes` body bytes. */
  | { type: "reset-mid-stream"; afterItems?: number; afterBytes?: number }
  /** End the stream cleanly after `afterItems` items, without `[DONE]` by default. */
  | { type: "truncate"; afterItems?: number }
  /** Write the body in chunks of this many bytes (1: every byte on its own). */
  | { type: "split-bytes"; size: number }
  /** Replace the data of SSE item `atItem` with invalid JSON. */
  | { type: "malformed-json"; atItem: number }
  /** Insert a data line of `bytes` bytes before item `atItem` (default: first). */
  | { type: "oversized-line"; bytes: number; atItem?: number };
