import { abortErrorFor, anySignal, sleep } from "./abort";
import { AbortError, ConnectionError, OpenRouterError, TimeoutError } from "./errors";
import type { Logger } from "./logger";
import { redactHeaders, redactText } from "./redaction";
import { fetchFollowingRedirects, type FetchFn } from "./redirects";
import { retryDelayMs, type ResolvedRetry } from "./retry-policy";

export interface TransportOptions {
  fetch: FetchFn;
  retry: ResolvedRetry;
  /** Per attempt, until the response headers arrive. */
  timeoutMs: number | undefined;
  /** Resolved before every attempt, so a rotating key is picked up on retries. */
  apiKey: () => Promise<string | undefined>;
  logger: Logger;
  random?: () => number;
}

/**
 * The `fetch` that openapi-fetch calls: adds the key, bounds each attempt by `timeoutMs`,
 * retries what is worth retrying (before any body byte is read), follows redirects safely and
 * turns transport failures into typed errors. The caller's signal is honoured throughout,
 * backoff waits included.
 */
export function createTransport(options: TransportOptions): FetchFn {
  const { retry, logger } = options;
  return async function send(request: Request): Promise<Response> {
    const signal = request.signal;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw abortErrorFor(signal);
      let response: Response;
      try {
        response = await attemptOnce(request, options);
      } catch (error) {
        const failure = toTypedFailure(error, request, signal);
        if (!failure.retryable || attempt >= retry.maxRetries) throw failure;
        await backoff(attempt, undefined, failure.message);
        continue;
      }
      if (!retry.statuses.includes(response.status) || attempt >= retry.maxRetries) return response;
      await response.body?.cancel();
      await backoff(attempt, response.headers, `status ${response.status}`);
    }

    async function backoff(attempt: number, headers: Headers | undefined, why: string) {
      const delay = retryDelayMs(retry, attempt, headers, options.random);
      logger.info(`Retrying ${request.method} ${new URL(request.url).pathname} in ${delay} ms`, {
        attempt: attempt + 1,
        reason: redactText(why),
      });
      await sleep(delay, signal);
    }
  };
}

async function attemptOnce(request: Request, options: TransportOptions): Promise<Response> {
  const timeout = new AbortController();
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => timeout.abort(new TimeoutError(`No response headers within ${options.timeoutMs} ms.`)),
          options.timeoutMs,
        );
  try {
    const attempt = new Request(request.clone(), { signal: anySignal([request.signal, timeout.signal]) });
    const key = await options.apiKey();
    if (key && !attempt.headers.has("authorization")) attempt.headers.set("authorization", `Bearer ${key}`);
    options.logger.debug(`${attempt.method} ${attempt.url}`, { headers: redactHeaders(attempt.headers) });
    return await fetchFollowingRedirects(attempt, options.fetch);
  } catch (error) {
    // Report why the attempt's signal fired, not the runtime's generic abort error.
    if (timeout.signal.aborted) throw timeout.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function toTypedFailure(error: unknown, request: Request, signal: AbortSignal): OpenRouterError {
  if (signal.aborted) return abortErrorFor(signal) as AbortError;
  if (error instanceof OpenRouterError) return error;
  const cause = error as Error & { cause?: { code?: string; message?: string } };
  const detail = cause.cause?.code ?? cause.cause?.message ?? cause.message;
  return new ConnectionError(`Could not reach ${new URL(request.url).origin}: ${detail}`, { cause: error });
}
