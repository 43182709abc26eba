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
import { redactHeaders } from "./redaction";
import { fetchFollowingRedirects, type SendFn } from "./redirects";
import { isRepeatable, NOT_ACTED_STATUSES } from "./repeatable";
import { retryDelayMs, type ResolvedRetry } from "./retry-policy";

export interface TransportOptions {
  send: SendFn;
  retry: ResolvedRetry;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number | undefined;
  /** Resolved before every attempt, so a rotating key is picked up on retries. */
  apiKey: () => string | undefined | Promise<string | undefined>;
  logger: LeveledLogger;
}

/** A request as the client hands it over: headers as a plain record with lower-case names. */
export type Outgoing = Omit<RequestInit, "headers"> & {
  method: string;
  headers: Record<string, string>;
};

/** Sends one call: `send` overrides the client's sender for this call. */
export type Transport = (url: string, init: Outgoing, send?: SendFn) => Promise<Response>;

/**
 * Sends a call: adds the key, bounds each attempt by `timeoutMs`, retries what is worth
 * retrying (before any body byte is read), follows redirects safely, and turns transport
 * failures into typed errors. The caller's signal is honoured throughout, backoff included.
 * A request that is not repeatable (a create) is sent again only when the server cannot have
 * acted on it: a refused connection, a 408 or a 429.
 */
export function createTransport(options: TransportOptions): Transport {
  const { retry, logger } = options;
  return async function transport(url, init, send = options.send) {
    const signal = init.signal ?? undefined;
    const repeatable = isRepeatable(init.method, url);
    // A stream can be read once; every attempt and redirect re-sends the same bytes.
    const body =
      init.body instanceof ReadableStream ? await new Response(init.body).arrayBuffer() : init.body;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortErrorFor(signal);
      // Outside the try: a failing key provider is the caller's error, not a connection's.
      const given = options.apiKey();
      // A plain key is used as is: no promise to wait for on every call.
      const key = typeof given === "object" ? await given : given;
      let response: Response;
      try {
        response = await attemptOnce(
          url,
          body === init.body ? init : { ...init, body },
          key,
          send,
          options,
        );
      } catch (error) {
        const failure = toTypedFailure(error, url, init, signal, repeatable);
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
      logger.info(`Retrying ${init.method} ${new URL(url).pathname} in ${delayMs} ms`, {
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

async function attemptOnce(
  url: string,
  init: Outgoing,
  key: string | undefined,
  send: SendFn,
  { timeoutMs, logger }: TransportOptions,
): Promise<Response> {
  const headers: Record<string, string> =
    key && !init.headers.authorization
      ? { ...init.headers, authorization: `Bearer ${key}` }
      : init.headers;
  if (logger.enabled("debug"))
    logger.debug(`${init.method} ${url}`, { headers: redactHeaders(headers) });
  // Without a timeout the caller's signal is enough: no controller, no combined signal.
  const timeout = timeoutMs === undefined ? undefined : new AbortController();
  const timer =
    timeout &&
    setTimeout(
      () => timeout.abort(new TimeoutError(`No response headers within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  const signal = timeout ? anySignal([init.signal, timeout.signal]) : init.signal;
  try {
    return await fetchFollowingRedirects(
      url,
      { ...init, headers, signal, redirect: "manual" },
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
  init: Outgoing,
  signal: AbortSignal | undefined,
  repeatable: boolean,
): OpenRouterError {
  if (signal?.aborted) return abortErrorFor(signal) as AbortError;
  if (error instanceof TimeoutError) {
    return repeatable ? error : notSentAgain(error, init, url);
  }
  if (error instanceof OpenRouterError) return error;
  // A request the runtime refuses to build (a bad header, URL or method) is the caller's
  // mistake, not a connection's: building it here throws the runtime's own TypeError, unretried.
  new Request(url, init);
  const failure = new ConnectionError(
    `Could not reach ${new URL(url).origin}: ${failureDetail(error)}`,
    { cause: error, delivery: deliveryOf(error) },
  );
  return repeatable || failure.delivery === "not_sent" ? failure : notSentAgain(failure, init, url);
}

/** The same failure, unretried, saying that the server may have acted on the request. */
function notSentAgain(failure: ConnectionError | TimeoutError, init: Outgoing, url: string) {
  const Failure = failure instanceof TimeoutError ? TimeoutError : ConnectionError;
  const what = `${init.method} ${new URL(url).pathname}`;
  return new Failure(
    `${failure.message}. The server may have acted on ${what}: it was not sent again.`,
    { cause: failure.cause, retryable: false, delivery: "uncertain" },
  );
}
