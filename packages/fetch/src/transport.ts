import { abortErrorFor, anySignal, sleep } from "./abort";
import { isDeferredBodyRequest } from "./deferred-request";
import { normalizeErrorResponse } from "./error-body";
import { AbortError, ConnectionError, OpenRouterError, TimeoutError } from "./errors";
import type { LeveledLogger } from "./logger";
import { redactHeaders, redactText } from "./redaction";
import { fetchFollowingRedirects, type SendFn } from "./redirects";
import { retryDelayMs, type ResolvedRetry } from "./retry-policy";

export interface TransportOptions {
  send: SendFn;
  retry: ResolvedRetry;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number | undefined;
  /** Resolved before every attempt, so a rotating key is picked up on retries. */
  apiKey: () => Promise<string | undefined>;
  logger: LeveledLogger;
}

/**
 * The `fetch` that openapi-fetch calls: adds the key, bounds each attempt by `timeoutMs`,
 * retries what is worth retrying (before any body byte is read), follows redirects safely,
 * turns transport failures into typed errors and error answers into the API's error shape. The caller's signal is honoured throughout,
 * backoff waits included.
 */
export function createTransport(
  options: TransportOptions,
): (request: Request) => Promise<Response> {
  const { retry, logger } = options;
  return async function send(request: Request): Promise<Response> {
    const signal = request.signal;
    // Read once; every attempt and redirect re-sends these bytes. Sending `(url, init)` with
    // bytes is also much cheaper in undici than sending a `Request` whose body is a stream.
    const body = await readBody(request);
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw abortErrorFor(signal);
      // Outside the try: a failing key provider is the caller's error, not a connection's.
      const key = await options.apiKey();
      let response: Response;
      try {
        response = await attemptOnce(request, body, key, options);
      } catch (error) {
        const failure = toTypedFailure(error, request, signal);
        if (!failure.retryable || attempt >= retry.maxRetries) throw failure;
        await backoff(attempt, undefined, failure.message);
        continue;
      }
      if (response.ok) return response;
      if (!retry.statuses.includes(response.status) || attempt >= retry.maxRetries) {
        return normalizeErrorResponse(response);
      }
      await response.body?.cancel();
      await backoff(attempt, response.headers, `status ${response.status}`, response.status);
    }

    async function backoff(
      attempt: number,
      headers: Headers | undefined,
      why: string,
      status?: number,
    ) {
      const delayMs = retryDelayMs(retry, attempt, headers);
      logger.info(`Retrying ${request.method} ${new URL(request.url).pathname} in ${delayMs} ms`, {
        retry: attempt + 1,
        delayMs,
        reason: redactText(why),
        ...(status !== undefined && { status }),
      });
      await sleep(delayMs, signal);
    }
  };
}

async function attemptOnce(
  request: Request,
  body: BodyInit | undefined,
  key: string | undefined,
  options: TransportOptions,
): Promise<Response> {
  const { timeoutMs, logger } = options;
  // Without a timeout the request's own signal is enough: no controller, no combined signal.
  const timeout = timeoutMs === undefined ? undefined : new AbortController();
  const timer =
    timeout &&
    setTimeout(
      () => timeout.abort(new TimeoutError(`No response headers within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  try {
    const headers = new Headers(request.headers);
    if (key && !headers.has("authorization")) headers.set("authorization", `Bearer ${key}`);
    if (logger.enabled("debug"))
      logger.debug(`${request.method} ${request.url}`, { headers: redactHeaders(headers) });
    const init: RequestInit = {
      method: request.method,
      headers,
      body,
      signal: timeout ? anySignal([request.signal, timeout.signal]) : ownSignal(request),
      redirect: "manual",
      // What a caller may have set through openapi-fetch's init, kept for browsers.
      credentials: request.credentials,
      cache: request.cache,
      keepalive: request.keepalive,
      referrerPolicy: request.referrerPolicy,
    };
    return await fetchFollowingRedirects(request.url, init, options.send);
  } catch (error) {
    // Report why the attempt's signal fired, not the runtime's generic abort error.
    if (timeout?.signal.aborted) throw timeout.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The signal to hand to `fetch`: none when the caller gave none (following one costs). */
function ownSignal(request: Request): AbortSignal | undefined {
  return isDeferredBodyRequest(request) ? request.callerSignal : request.signal;
}

/**
 * The bytes to send on every attempt: a deferred body as given (a string, FormData…), else JSON
 * and text as a string (undici sends it as is) and anything else (multipart) as bytes.
 */
async function readBody(request: Request): Promise<BodyInit | undefined> {
  if (isDeferredBodyRequest(request)) {
    const body = request.bodyInit;
    // A stream can be read once only; attempts and redirects need it again.
    return body instanceof ReadableStream ? new Response(body).arrayBuffer() : body;
  }
  if (!request.body) return undefined;
  const type = request.headers.get("content-type") ?? "";
  return /json|^text\//i.test(type) ? request.text() : request.arrayBuffer();
}

function toTypedFailure(error: unknown, request: Request, signal: AbortSignal): OpenRouterError {
  if (signal.aborted) return abortErrorFor(signal) as AbortError;
  if (error instanceof OpenRouterError) return error;
  const cause = error as Error & { cause?: { code?: string; message?: string } };
  const detail = cause.cause?.code ?? cause.cause?.message ?? cause.message;
  return new ConnectionError(`Could not reach ${new URL(request.url).origin}: ${detail}`, {
    cause: error,
  });
}
