import { abortErrorFor, anySignal, sleep } from "./abort";
import {
  AbortError,
  ConnectionError,
  deliveryOf,
  failureDetail,
  OpenRouterError,
  TimeoutError,
} from "./errors";
import type { LeveledLogger } from "./logger";
import { checkedKey } from "./api-key";
import { initOf } from "./call-request";
import { redactHeaders, redactText } from "./redaction";
import { fetchFollowingRedirects, type FetchFn, type SendFn } from "./redirects";
import { isRepeatable, NOT_ACTED_STATUSES } from "./repeatable";
import { retryDelayMs, type ResolvedRetry } from "./retry-policy";

export interface TransportOptions {
  /** The client's `fetch` option: called with a `Request` per attempt and hop. */
  fetch: FetchFn | undefined;
  retry: ResolvedRetry;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number | undefined;
  /** Resolved before every attempt, so a rotating key is picked up on retries. */
  apiKey: () => string | undefined | Promise<string | undefined>;
  logger: LeveledLogger;
}

/** What one call's sending learnt, for the result: whether any credential went out. */
export interface CallState {
  /** Set when the last attempt carried no `Authorization` (no key was set). */
  keyless?: boolean;
}

/**
 * The `fetch` openapi-fetch calls: it gets the call's `Request` (and `requestInitExt`); `custom`
 * is the call's or the client's own `fetch`.
 */
export type Transport = (
  request: Request,
  ext: Record<string, unknown> | undefined,
  custom: FetchFn | undefined,
  state: CallState,
) => Promise<Response>;

/**
 * Sends a call: adds the key, bounds each attempt by `timeoutMs`, retries what is worth
 * retrying (before any body byte is read), follows redirects safely, and turns transport
 * failures into typed errors. The caller's signal is honoured throughout, backoff included.
 * A request that is not repeatable (a create) is sent again only when the server cannot have
 * acted on it: a refused connection, a 408 or a 429.
 */
export function createTransport(options: TransportOptions): Transport {
  const { retry, logger } = options;
  return async function transport(request, ext, custom = options.fetch, state) {
    const { url, method } = request;
    const light = initOf(request);
    const signal = light ? (light.signal ?? undefined) : request.signal;
    const repeatable = isRepeatable(method, url);
    const init = light ? await reusableInit(light) : await requestInit(request);
    // This call's own copy, so a key set per attempt changes nothing the caller holds.
    const headers = light ? (init.headers as Headers) : new Headers(request.headers);
    const callerAuth = headers.has("authorization");
    const send = sender(request, ext, custom, light !== undefined);
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortErrorFor(signal);
      // Outside the try: a failing key provider is the caller's error, not a connection's.
      const given = options.apiKey();
      // A plain key is used as is: no promise to wait for on every call.
      const key = checkedKey(typeof given === "object" ? await given : given, "The API key");
      if (!callerAuth) {
        if (key) headers.set("authorization", `Bearer ${key}`);
        else headers.delete("authorization");
      }
      state.keyless = !callerAuth && !key;
      let response: Response;
      try {
        response = await attemptOnce(url, { ...init, method, headers }, signal, send, options);
      } catch (error) {
        const failure = toTypedFailure(error, url, method, signal, repeatable);
        if (!failure.retryable || attempt >= retry.maxRetries) throw failure;
        await backoff(attempt, failure.message);
        continue;
      }
      if (
        response.ok ||
        !retry.statuses.includes(response.status) ||
        (!repeatable && !NOT_ACTED_STATUSES.has(response.status)) ||
        attempt >= retry.maxRetries
      )
        return response;
      await response.body?.cancel();
      await backoff(attempt, `status ${response.status}`, response);
    }

    async function backoff(attempt: number, why: string, response?: Response) {
      const delayMs = retryDelayMs(retry, attempt, response?.headers);
      logger.log("info", `Retrying ${method} ${new URL(url).pathname} in ${delayMs} ms`, {
        retry: attempt + 1,
        delayMs,
        // Already redacted: an error's message, or a status.
        reason: why,
        status: response?.status,
      });
      await sleep(delayMs, signal);
    }
  };
}

/** What every attempt and hop sends besides the URL and headers. */
type CallInit = RequestInit & { method: string };

/**
 * A `CallRequest`'s init, with a body every attempt and redirect can send again: a stream is
 * read once into bytes; strings, forms and blobs are sent as they are.
 */
async function reusableInit(init: RequestInit): Promise<RequestInit> {
  const body =
    init.body instanceof ReadableStream ? await new Response(init.body).arrayBuffer() : init.body;
  return body === init.body ? init : { ...init, body };
}

/**
 * The fields of a real `Request` that `fetch` reads, and its body as bytes. The request itself
 * is not sent: its body can be read once, and runtimes differ on re-using a read one.
 */
async function requestInit(request: Request): Promise<RequestInit> {
  const { credentials, cache, mode, integrity, keepalive, referrer, referrerPolicy } = request;
  const body = request.body ? await request.arrayBuffer() : undefined;
  return { body, credentials, cache, mode, integrity, keepalive, referrer, referrerPolicy };
}

/**
 * One hop's sending. A custom `fetch` gets a `Request` of the call's own class, with the custom
 * fields openapi-fetch put on the call's request; the global one is called as
 * `fetch(url, init)`, looked up per call (so a fetch installed later is used).
 */
function sender(
  request: Request,
  ext: Record<string, unknown> | undefined,
  custom: FetchFn | undefined,
  light: boolean,
): SendFn {
  if (!custom) return (url, init) => fetch(url, ext ? { ...init, ...ext } : init);
  const RequestClass = light ? Request : (request.constructor as typeof Request);
  const fields = Object.keys(request);
  const send = custom as (request: Request, ext?: Record<string, unknown>) => Promise<Response>;
  return (url, init) => {
    const hop = new RequestClass(url, init) as Request & Record<string, unknown>;
    for (const field of fields) if (!(field in hop)) hop[field] = (request as any)[field];
    return send(hop, ext);
  };
}

async function attemptOnce(
  url: string,
  init: CallInit & { headers: Headers },
  signal: AbortSignal | undefined,
  send: SendFn,
  { timeoutMs, logger }: TransportOptions,
): Promise<Response> {
  if (logger.enabled("debug"))
    logger.log("debug", `${init.method} ${redactText(url)}`, {
      headers: redactHeaders(init.headers),
    });
  // Without a timeout the caller's signal is enough: no controller, no combined signal.
  const timeout = timeoutMs === undefined ? undefined : new AbortController();
  const timer =
    timeout &&
    setTimeout(
      () => timeout.abort(new TimeoutError(`No response headers within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  const attemptSignal = timeout ? anySignal([signal, timeout.signal]) : signal;
  try {
    return await fetchFollowingRedirects(
      url,
      { ...init, signal: attemptSignal, redirect: "manual" },
      send,
    );
  } catch (error) {
    // Report why the attempt's signal fired, not the runtime's generic abort error.
    throw timeout?.signal.aborted ? timeout.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

function toTypedFailure(
  error: unknown,
  url: string,
  method: string,
  signal: AbortSignal | undefined,
  repeatable: boolean,
): OpenRouterError {
  if (signal?.aborted) return abortErrorFor(signal) as AbortError;
  if (error instanceof TimeoutError) {
    return repeatable ? error : notSentAgain(error, method, url);
  }
  if (error instanceof OpenRouterError) return error;
  const failure = new ConnectionError(
    `Could not reach ${new URL(url).origin}: ${failureDetail(error)}`,
    { cause: error, delivery: deliveryOf(error) },
  );
  return repeatable || failure.delivery === "not_sent"
    ? failure
    : notSentAgain(failure, method, url);
}

/** The same failure, unretried, saying that the server may have acted on the request. */
function notSentAgain(failure: ConnectionError | TimeoutError, method: string, url: string) {
  const Failure = failure instanceof TimeoutError ? TimeoutError : ConnectionError;
  const what = `${method} ${new URL(url).pathname}`;
  return new Failure(
    `${failure.message}. The server may have acted on ${what}: it was not sent again.`,
    { cause: failure.cause, retryable: false, delivery: "uncertain" },
  );
}
