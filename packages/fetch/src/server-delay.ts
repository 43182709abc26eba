/**
 * What the server asked us to wait, in ms: `retry-after-ms`, then `Retry-After` as seconds or
 * an HTTP date. Undefined when it said nothing usable.
 */
export function serverDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms")?.trim() || Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(value) - now);
  return delay >= 0 ? delay : undefined;
}
