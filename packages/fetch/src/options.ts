import { redactText } from "./redaction";

/**
 * Throws a `TypeError` naming `name` unless `value` is undefined or a finite number in
 * [`min`, `max`] (an integer if asked): NaN, Infinity and negative waits are mistakes.
 */
export function checkNumber(
  name: string,
  value: unknown,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {},
): void {
  if (value === undefined) return;
  const ok =
    typeof value === "number" &&
    value >= min &&
    value <= max &&
    (integer ? Number.isSafeInteger(value) : Number.isFinite(value));
  if (!ok) {
    const what = integer ? "an integer" : "a finite number";
    throw new TypeError(`${name} must be ${what} from ${min} to ${max}, got ${String(value)}.`);
  }
}

/**
 * The API's base URL: the option, else `OPENROUTER_BASE_URL` (read only then: Deno asks for a
 * permission to read it, and a denied read means unset), else the default. A malformed one is a
 * `TypeError` naming where it came from.
 */
export function resolveBaseUrl(
  given: string | undefined,
  env: () => string | undefined,
  fallback: string,
): string {
  let fromEnv: string | undefined;
  if (given === undefined) {
    try {
      fromEnv = env();
    } catch {
      // No permission to read the environment: the default applies.
    }
  }
  const [from, value] =
    given !== undefined
      ? ["baseUrl", given]
      : fromEnv
        ? ["OPENROUTER_BASE_URL", fromEnv]
        : [, fallback];
  if (from === undefined) return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TypeError(
      `${from} must be an http(s) URL, got ${redactText(JSON.stringify(value))}.`,
    );
  }
  return value;
}
