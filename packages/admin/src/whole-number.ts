import { AdminArgumentError } from "./errors";

/**
 * A count option (`concurrency`): a safe whole number of 1 or more, else an
 * `AdminArgumentError` (a `TypeError`) naming it. NaN or 0 would otherwise run nothing at all.
 */
export function positiveCount(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw new AdminArgumentError(
      `${name} must be a whole number of 1 or more, got ${String(value)}`,
    );
  return value;
}
