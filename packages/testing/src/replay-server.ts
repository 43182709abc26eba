import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError } from "./api-error";
import { createApiServer, jsonResponse, sendJson, type ReadRequest } from "./api-server";
import {
  FaultBook,
  FaultError,
  parseFaultHeader,
  type FaultRule,
  type StatusOverride,
} from "./faults";
import type { Fault, Fixture } from "./fixture-format";
import { fixtureKey, loadFixtures } from "./fixtures";
import { FixtureIndex } from "./matching";
import { recordOptionsFromEnv, RecordingProxy, type RecordOptions } from "./recorder";
import { countOption, portOption } from "./option-checks";
import { apiRelativePath, MAX_BODY_BYTES, type ReceivedRequest } from "./received-request";
import { RequestLog } from "./request-log";
import { writeResponse, type OutgoingResponse } from "./response-writer";
import { listen, stopServer } from "./server-lifecycle";

/** Default of `maxLoggedRequests`. */
export const DEFAULT_LOGGED_REQUESTS = 1000;
/** Default of `maxLoggedBytes`: 64 MiB. */
export const DEFAULT_LOGGED_BYTES = 64 * 1024 * 1024;

export interface ReplayServerOptions {
  /** The fixtures to serve. Default: the ones shipped with this package (`loadFixtures()`). */
  fixtures?: readonly Fixture[];
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Entries kept in `requests`; older ones are dropped (see `droppedRequests`). Default 1000. */
  maxLoggedRequests?: number;
  /** Body bytes kept in `requests`, summed; older entries are dropped. Default 64 MiB. */
  maxLoggedBytes?: number;
  /** Request bodies over this many bytes are answered 413. Default 64 MiB. */
  maxBodyBytes?: number;
  /** Fault rules applied to matching requests (see `FaultRule`). */
  faults?: readonly FaultRule[];
  /** Called with each request as received, before it is answered. A throw answers 500. */
  onRequest?: (request: ReceivedRequest) => void | Promise<void>;
  /**
   * Record instead of replay: forward to the upstream and write fixtures. Default: from the
   * environment (`OR_RECORD=1` with `OPENROUTER_API_KEY`, see `recordOptionsFromEnv`); `false`
   * never records. Requests that ask for a fixture or a fault are still replayed.
   */
  record?: RecordOptions | false;
}

export interface ReplayServer {
  /** The API base for clients: `http://127.0.0.1:PORT/api/v1`. */
  url: string;
  port: number;
  /**
   * The requests received, in order, the newest `maxLoggedRequests` (and at most
   * `maxLoggedBytes` of bodies); cleared by `reset()`.
   */
  requests: ReceivedRequest[];
  /** How many of the oldest requests were dropped from `requests` since start or `reset()`. */
  readonly droppedRequests: number;
  /** Whether the server forwards and records (see `ReplayServerOptions.record`). */
  recording: boolean;
  /** In record mode, the token forwarded requests must carry (see `RecordOptions.token`). */
  recorderToken?: string;
  /** Adds a fault rule; its counters start at zero. */
  addFault(rule: FaultRule): void;
  /** Forgets requests and rules added since start; every counter back to zero. */
  reset(): void;
  /** Ends open streams and stalls, drops connections and stops listening. */
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers like the API from recorded fixtures, with faults
 * on demand.
 * @example
 * const server = await startReplayServer({
 *   faults: [{ fault: { type: "status-sequence", statuses: [503, 200] }, match: { path: "/credits" } }],
 * });
 * const res = await fetch(`${server.url}/credits`, { headers: { authorization: "Bearer sk-or-v1-000" } });
 * // res.status === 503; the next request gets the fixture
 * await server.close();
 */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const index = new FixtureIndex(options.fixtures ?? loadFixtures());
  const book = new FaultBook(options.faults ?? []);
  const record = options.record === false ? undefined : (options.record ?? recordOptionsFromEnv());
  const proxy = record ? new RecordingProxy(record) : undefined;
  const log = new RequestLog({
    maxEntries: countOption(
      options.maxLoggedRequests,
      "maxLoggedRequests",
      DEFAULT_LOGGED_REQUESTS,
    ),
    maxBytes: countOption(options.maxLoggedBytes, "maxLoggedBytes", DEFAULT_LOGGED_BYTES),
  });
  const maxBodyBytes = countOption(options.maxBodyBytes, "maxBodyBytes", MAX_BODY_BYTES, 1);
  const listenPort = portOption(options.port);
  const host = options.host ?? "127.0.0.1";
  let port = 0;
  // Forwarding with the real key, the server keeps browsers and foreign Host names out.
  const { server, control } = createApiServer("replay server", answer, {
    ...proxy?.serverOptions(() => ({ host, port })),
    maxBodyBytes,
  });

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    { received, raw, url }: ReadRequest,
    signal: AbortSignal,
  ): Promise<void> {
    log.add(received);
    await options.onRequest?.(received);
    if (apiRelativePath(url.pathname) === undefined) {
      const message = `The replay server answers under /api/v1 (use ${apiBase(req)} as base URL), not ${url.pathname}.`;
      return reply(res, received, 404, apiError(404, message));
    }
    let headerFaults: Fault[] = [];
    try {
      const header = received.headers["x-or-fault"];
      if (header !== undefined) headerFaults = parseFaultHeader(header);
    } catch (error) {
      if (!(error instanceof FaultError)) throw error;
      return reply(res, received, 400, apiError(400, error.message));
    }
    const named = received.headers["x-or-fixture"];
    const match = named ? index.named(named) : index.match(received);
    const fixture = match.kind === "fixture" ? match.fixture : undefined;
    const target = {
      method: received.method,
      path: received.path,
      ...(fixture && { operationId: fixture.operationId, fixture: fixtureKey(fixture) }),
    };
    if (proxy && !named && headerFaults.length === 0 && !book.hasRuleFor(target)) {
      return proxy.handle(res, received, raw, url.search, signal);
    }
    if (match.kind === "none") return reply(res, received, 404, apiError(404, match.message));
    const served = fixture as Fixture;
    if (served.request.auth !== false && !hasBearer(received.headers.authorization)) {
      return serveFixture(res, received, unauthorized(served), [], signal);
    }
    const faults = book.take(target, headerFaults, served.faults ?? []);
    received.faults = faults.applied;
    const response = faults.status ? statusAnswer(served, faults.status) : fromFixture(served);
    return serveFixture(res, received, response, faults.transport, signal);
  }

  /** The operation's `error-401` fixture, else a 401 in the API's error shape. */
  function unauthorized(fixture: Fixture): Answer {
    const own = index.errorFixture(fixture.operationId, 401);
    if (own) return fromFixture(own);
    const message = 'Missing or malformed Authorization header: expected "Bearer <key>".';
    return { response: jsonResponse(401, apiError(401, message)) };
  }

  /** A status from a sequence: the operation's `error-<status>` fixture, else a generic body. */
  function statusAnswer(fixture: Fixture, override: StatusOverride): Answer {
    const own = index.errorFixture(fixture.operationId, override.status);
    const answer = own
      ? fromFixture(own)
      : {
          response: jsonResponse(
            override.status,
            apiError(
              override.status,
              `Status ${override.status} injected by a status-sequence fault.`,
            ),
          ),
        };
    answer.response.status = override.status;
    const headers = answer.response.headers;
    if (override.retryAfter !== undefined) headers["retry-after"] = override.retryAfter;
    if (override.retryAfterMs !== undefined)
      headers["retry-after-ms"] = String(override.retryAfterMs);
    return answer;
  }

  async function serveFixture(
    res: ServerResponse,
    received: ReceivedRequest,
    answer: Answer,
    transport: Fault[],
    signal: AbortSignal,
  ): Promise<void> {
    if (answer.fixture) received.fixture = fixtureKey(answer.fixture);
    const resets = transport.some((f) => f.type === "reset-before-headers");
    if (!resets) received.status = answer.response.status;
    const headers = answer.fixture
      ? { ...answer.response.headers, "x-or-fixture": fixtureKey(answer.fixture) }
      : answer.response.headers;
    const response = { ...answer.response, headers };
    await writeResponse(res, response, transport, signal, (skipped) => {
      received.skippedFaults = skipped;
    });
  }

  function reply(
    res: ServerResponse,
    received: ReceivedRequest,
    status: number,
    body: unknown,
  ): void {
    received.status = status;
    sendJson(res, status, body);
  }

  const listening = await listen(server, listenPort, host);
  port = listening.port;
  return {
    url: listening.url,
    port,
    requests: log.entries,
    get droppedRequests() {
      return log.dropped;
    },
    recording: proxy !== undefined,
    ...(proxy && { recorderToken: proxy.token }),
    addFault: (rule) => book.add(rule),
    reset: () => {
      log.clear();
      book.reset();
    },
    close: () => stopServer(server, control),
  };
}

interface Answer {
  response: OutgoingResponse;
  fixture?: Fixture;
}

/**
 * Headers of a recording that do not hold for a replay: the body is re-encoded here, and the
 * server's own CORS policy answers browsers (`access-control-*` headers are dropped too).
 */
const RECOMPUTED = new Set([
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "content-encoding",
]);

function fromFixture(fixture: Fixture): Answer {
  const { response } = fixture;
  // Own properties only: a recorded header named `__proto__` stays a header.
  const headers: Record<string, string> = Object.fromEntries(
    Object.entries(response.headers ?? {})
      .map(([name, value]) => [name.toLowerCase(), value] as const)
      .filter(([name]) => !RECOMPUTED.has(name) && !name.startsWith("access-control-")),
  );
  if (response.sse) {
    if (!headers["content-type"]?.startsWith("text/event-stream"))
      headers["content-type"] = "text/event-stream";
    headers["cache-control"] = "no-cache";
    const body = {
      kind: "sse" as const,
      items: response.sse,
      lineEnding: response.lineEnding ?? "\n",
    };
    return { fixture, response: { status: response.status, headers, body } };
  }
  if (response.body !== undefined) {
    headers["content-type"] ??= "application/json";
    const bytes = jsonBytes(fixture);
    return {
      fixture,
      response: { status: response.status, headers, body: { kind: "bytes", bytes, json: true } },
    };
  }
  const base64 = response.encoding === "base64";
  headers["content-type"] ??= base64 ? "application/octet-stream" : "text/plain; charset=utf-8";
  const bytes = Buffer.from(response.text ?? "", base64 ? "base64" : "utf8");
  return {
    fixture,
    response: { status: response.status, headers, body: { kind: "bytes", bytes, json: false } },
  };
}

const jsonCache = new WeakMap<Fixture, Buffer>();

/** A fixture's JSON body as bytes, encoded once: fixtures are replayed many times. */
function jsonBytes(fixture: Fixture): Buffer {
  let bytes = jsonCache.get(fixture);
  if (!bytes) jsonCache.set(fixture, (bytes = Buffer.from(JSON.stringify(fixture.response.body))));
  return bytes;
}

/** The API's check: `Authorization: Bearer <something>`. */
function hasBearer(header: string | undefined): boolean {
  return /^Bearer\s+\S+/i.test(header ?? "");
}

function apiBase(req: IncomingMessage): string {
  return `http://${req.headers.host ?? "127.0.0.1"}/api/v1`;
}
