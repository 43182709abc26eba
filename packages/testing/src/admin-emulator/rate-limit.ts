import { apiError } from "../api-error";
import { jsonResponse } from "../api-server";
import type { OutgoingResponse } from "../response-writer";

/** The emulator's rate limit: at most `requests` per fixed window of `windowMs`. */
export interface RateLimitOptions {
  requests: number;
  windowMs: number;
}

/**
 * A fixed-window limit like the API's: over it, requests are answered 429 with `Retry-After`
 * (whole seconds, rounded up, as the API sends it) and nothing is done.
 */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    for (const name of ["requests", "windowMs"] as const) {
      const value = options[name];
      if (!Number.isSafeInteger(value) || value < 1)
        throw new TypeError(`rateLimit.${name} must be a whole number of 1 or more, got ${value}`);
    }
  }

  /** Counts a request: undefined when it may go on, else how long until the window ends (ms). */
  take(): number | undefined {
    const now = this.now();
    if (now - this.windowStart >= this.options.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used < this.options.requests) {
      this.used += 1;
      return undefined;
    }
    return this.windowStart + this.options.windowMs - now;
  }
}

/** The 429 answer, with `Retry-After` in whole seconds (at least 1). */
export function rateLimitedResponse(waitMs: number): OutgoingResponse {
  const response = jsonResponse(429, apiError(429, "Rate limit exceeded; retry later."));
  response.headers["retry-after"] = String(Math.max(1, Math.ceil(waitMs / 1000)));
  return response;
}
