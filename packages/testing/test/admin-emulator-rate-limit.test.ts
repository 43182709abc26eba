// The admin emulator's rate limit: a fixed window, 429 with Retry-After in whole seconds.
import { describe, expect, it } from "vitest";
import { RateLimiter, rateLimitedResponse } from "../src/admin-emulator/rate-limit";

describe("RateLimiter", () => {
  it("lets `requests` through per window, then says how long until the next", () => {
    let now = 10_000;
    const limiter = new RateLimiter({ requests: 2, windowMs: 1000 }, () => now);
    expect([limiter.take(), limiter.take()]).toEqual([undefined, undefined]);
    now += 400;
    expect(limiter.take()).toBe(600);
    now += 600;
    expect(limiter.take()).toBeUndefined();
  });

  it("answers 429 with Retry-After rounded up to whole seconds", () => {
    const response = rateLimitedResponse(1200);
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("2");
    expect(rateLimitedResponse(0).headers["retry-after"]).toBe("1");
  });

  it("refuses options that are not whole numbers of 1 or more", () => {
    expect(() => new RateLimiter({ requests: 0, windowMs: 1000 })).toThrow(
      "rateLimit.requests must be a whole number of 1 or more, got 0",
    );
    expect(() => new RateLimiter({ requests: 1, windowMs: Number.NaN })).toThrow(TypeError);
  });
});
