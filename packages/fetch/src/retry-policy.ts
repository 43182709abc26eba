import { RETRYABLE_STATUSES } from "./errors";

/** How failed attempts are retried. */
export interface RetryOptions {
  /** Attempts after the first. Default 2. */
  maxRetries?: number;
  /** Base of the exponential backoff. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of any wait, `Retry-After` included. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Statuses to retry. Default 408, 409, 429, 500, 502, 503, 524, 529. */
  statuses?: number[];
}

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(retry: RetryOptions | false | undefined): ResolvedRetry {
  if (retry === false) return { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 0, statuses: [] };
  return {
    maxRetries: retry?.maxRetries ?? 2,
    initialDelayMs: retry?.initialDelayMs ?? 500,
    maxDelayMs: retry?.maxDelayMs ?? 30_000,
    statuses: retry?.statuses ?? RETRYABLE_STATUSES,
  };
}

/**
 * What the server asked us to wait, in ms: `retry-after-ms`, then `Retry-After` as seconds or
 * an HTTP date. Undefined when it said nothing usable.
 */
export function serverDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt + 1`: the server's word capped by `maxDelayMs`, else
 * exponential backoff with full jitter (`random() * min(max, initial * 2^attempt)`).
 */
export function retryDelayMs(
  policy: ResolvedRetry,
  attempt: number,
  headers?: Headers,
  random: () => number = Math.random,
): number {
  const asked = headers ? serverDelayMs(headers) : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt));
}
