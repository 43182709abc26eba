import { serverDelayMs, type FetchFn } from "@or/fetch";

export interface RateGateOptions {
  /** 429 answers waited out per request before the 429 is passed on. Default 10. */
  maxWaits?: number;
  /** Longest single wait, `Retry-After` included. Default 60 000 ms. */
  maxDelayMs?: number;
  /** Wait used when a 429 says nothing. Default 1 000 ms. */
  defaultDelayMs?: number;
}

const sleep = (ms: number, signal: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", stop, { once: true });
  });

/**
 * A `fetch` that honours the API's rate limit for every request sent through it: a 429 (which
 * the API answers before doing anything, so any request may be sent again) closes the gate
 * for its `Retry-After`, every request waits for the gate, and the limited one is sent again.
 * Runs with many requests in flight (`--concurrency`) slow down instead of failing. After
 * `maxWaits` 429s in a row the answer is passed on (and `@or/fetch` retries or throws
 * `RateLimitError`).
 * @example
 * const admin = createAdmin({ fetch: rateLimitGate(fetch) });
 */
export function rateLimitGate(send: FetchFn, options: RateGateOptions = {}): FetchFn {
  const maxWaits = options.maxWaits ?? 10;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const defaultDelayMs = options.defaultDelayMs ?? 1_000;
  for (const [name, value] of Object.entries({ maxWaits, maxDelayMs, defaultDelayMs })) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new TypeError(
        `rateLimitGate: ${name} must be a whole number of 0 or more, got ${value}`,
      );
  }
  let openAt = 0;
  return async (request) => {
    for (let waits = 0; ; waits++) {
      const closed = openAt - Date.now();
      if (closed > 0) await sleep(closed, request.signal);
      // A Request's body can be read once: send a copy while another may be needed.
      const response = await send(waits < maxWaits ? request.clone() : request);
      if (response.status !== 429 || waits >= maxWaits) return response;
      const delay = Math.min(maxDelayMs, serverDelayMs(response.headers) ?? defaultDelayMs);
      openAt = Math.max(openAt, Date.now() + delay);
      await response.body?.cancel();
    }
  };
}
