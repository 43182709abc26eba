/**
 * What the server asked us to wait, in ms: `retry-after-ms`, then `Retry-After` as seconds or
 * an HTTP date. Undefined when it said nothing usable.
 */
export function serverDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const msText = headers.get("retry-after-ms")?.trim();
  const ms = msText ? Number(msText) : Number.NaN;
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
