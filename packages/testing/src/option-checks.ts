/**
 * Checks for numeric options: a wrong value (NaN, a negative, a fraction, a string) is a
 * `TypeError` naming the option at once, never a spinning timer or an unbounded buffer later.
 */

/**
 * `value` if it is a safe integer of at least `min`, `fallback` when undefined.
 * @example
 * const max = countOption(options.maxLoggedRequests, "maxLoggedRequests", 1000);
 */
export function countOption(value: unknown, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`${name} must be an integer of at least ${min}, got ${String(value)}`);
  }
  return value;
}

/**
 * A TCP port: an integer from 0 (a free port) to 65535; 0 when undefined.
 * @example
 * const port = portOption(options.port);
 */
export function portOption(value: unknown, name = "port"): number {
  const port = countOption(value, name, 0);
  if (port > 65535) throw new TypeError(`${name} must be at most 65535, got ${port}`);
  return port;
}
