import type { DesiredKey } from "../state/desired-state";
import type { ApiKey } from "../types";
import type { PlanContext } from "./plan-context";

const instant = (value: string | null | undefined): number | null =>
  value === null || value === undefined ? null : Date.parse(value);

/**
 * Problems with a key's `expires_at`. The API sets it only when a key is created (no update
 * takes it), so plan never changes it: a different value for an existing key stops the plan, and
 * so does a new key that would be created already expired. Times compare as instants, so
 * `2030-01-01T00:00:00Z` and `2030-01-01T00:00:00.000Z` are the same. An existing key that has
 * expired is planned like any other: it still exists under its name.
 * @returns whether the key's expiry is fine.
 */
export function checkExpiry(
  context: PlanContext,
  desired: DesiredKey,
  current: ApiKey | undefined,
  now: number = Date.now(),
): boolean {
  if (desired.expires_at === undefined) return true;
  const address = `key "${desired.name}"`;
  const wanted = instant(desired.expires_at);
  if (wanted !== null && Number.isNaN(wanted)) {
    context.problems.push(
      `${address}: expires_at "${desired.expires_at}" is not an ISO 8601 date-time (like 2030-01-31T00:00:00Z).`,
    );
    return false;
  }
  if (!current) {
    if (wanted !== null && wanted <= now) {
      context.problems.push(
        `${address}: expires_at ${desired.expires_at} is in the past; the key would be created expired.`,
      );
      return false;
    }
    return true;
  }
  const held = current.expires_at ?? null;
  if (instant(held) === wanted) return true;
  context.problems.push(
    `${address} expires ${held === null ? "never" : `at ${held}`}, not ${desired.expires_at === null ? "never" : `at ${desired.expires_at}`}; ` +
      "the API sets expires_at only when a key is created (delete the key to create it again, or write the current value).",
  );
  return false;
}
