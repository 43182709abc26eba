import { RETRYABLE_STATUSES } from "./errors";
import { checkNumber } from "./options";
import { serverDelayMs } from "./server-delay";

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
  /** Where the jitter comes from, a number in [0, 1). Default `Math.random`; fix it in tests. */
  random?: () => number;
}

export type ResolvedRetry = Required<RetryOptions>;

/** The policy with defaults filled in; a `TypeError` naming any invalid option. */
export function resolveRetry(given: RetryOptions | false | undefined): ResolvedRetry {
  const retry = given === false ? { maxRetries: 0 } : given;
  checkNumber("retry.maxRetries", retry?.maxRetries, { integer: true });
  checkNumber("retry.initialDelayMs", retry?.initialDelayMs);
  checkNumber("retry.maxDelayMs", retry?.maxDelayMs);
  const statuses = retry?.statuses;
  if (statuses !== undefined && !Array.isArray(statuses))
    throw new TypeError("retry.statuses must be an array of HTTP statuses.");
  statuses?.forEach((status, i) =>
    checkNumber(`retry.statuses[${i}]`, status, { min: 100, max: 599, integer: true }),
  );
  if (retry?.random !== undefined && typeof retry.random !== "function")
    throw new TypeError("retry.random must be a function.");
  return {
    maxRetries: retry?.maxRetries ?? 2,
    initialDelayMs: retry?.initialDelayMs ?? 500,
    maxDelayMs: retry?.maxDelayMs ?? 30_000,
    statuses: retry?.statuses ?? RETRYABLE_STATUSES,
    random: retry?.random ?? Math.random,
  };
}

/**
 * The wait before retry number `attempt + 1`: the server's word capped by `maxDelayMs`, else
 * exponential backoff with full jitter (`random() * min(max, initial * 2^attempt)`).
 */
export function retryDelayMs(
  policy: Pick<RetryOptions, "random"> & { initialDelayMs: number; maxDelayMs: number },
  attempt: number,
  headers?: Headers,
  random: () => number = policy.random ?? Math.random,
): number {
  const asked = headers ? serverDelayMs(headers) : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt));
}
