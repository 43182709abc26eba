import { describe, expect, test } from "vitest";
import { retryDelayMs, serverDelayMs } from "../src/index.js";

const now = Date.parse("2026-08-22T06:00:00.000Z");
const headers = (init: Record<string, string | undefined>) =>
  new Headers(init as Record<string, string>);

describe("serverDelayMs", () => {
  test.each([
    [{ "retry-after": "3" }, 3000],
    [{ "retry-after": "0.5" }, 500],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after-ms": "1200" }, 1200],
    [{ "retry-after-ms": "1200", "retry-after": "9" }, 1200],
    [{ "retry-after": new Date(now + 4000).toUTCString() }, 4000],
    [{ "retry-after": new Date(now - 4000).toUTCString() }, 0],
  ])("%o → %i ms", (init, expected) => {
    expect(serverDelayMs(headers(init), now)).toBe(expected);
  });

  test.each([
    {},
    { "retry-after": "" },
    { "retry-after": "soon" },
    { "retry-after": "-1" },
    { "retry-after-ms": "" },
  ])("%o says nothing usable", (init) => {
    expect(serverDelayMs(headers(init), now)).toBeUndefined();
  });

  test("an unusable retry-after-ms falls back to Retry-After", () => {
    expect(serverDelayMs(headers({ "retry-after-ms": "x", "retry-after": "2" }), now)).toBe(2000);
  });
});

describe("retryDelayMs", () => {
  const policy = { initialDelayMs: 500, maxDelayMs: 8000 };

  test("full jitter below the exponential ceiling", () => {
    const ceilings = [0, 1, 2, 3, 4, 5].map((attempt) =>
      retryDelayMs(policy, attempt, undefined, () => 0.9999999),
    );
    expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 7999]);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(0);
  });

  test("the server's word, capped", () => {
    expect(retryDelayMs(policy, 0, headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryDelayMs(policy, 0, headers({ "retry-after": "120" }))).toBe(8000);
  });

  test("a policy's own random is used", () => {
    expect(retryDelayMs({ ...policy, random: () => 0.5 }, 1)).toBe(500);
  });
});
