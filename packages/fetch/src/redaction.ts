// A dash as text may carry it: as is, JSON-escaped (`\u002d`) or percent-encoded (`%2D`).
const DASH = String.raw`(?:-|\\u002[dD]|%2[dD])`;
/** An OpenRouter key, in any of those spellings: `sk-or-v1-…`, `sk\u002dor\u002d…`, `sk%2Dor%2D…`. */
const KEY_PATTERN = new RegExp(String.raw`sk${DASH}or${DASH}(?:[A-Za-z0-9_]|${DASH})+`, "g");
const BEARER_PATTERN = /(Bearer\s+)[^\s"',]+/gi;
/** `key=…`, `api_key=…`, `token=…` in a URL or a form body: a credential whatever its shape. */
const CREDENTIAL_PARAM =
  /([?&](?:[\w.-]*(?:key|token|secret|password|auth|signature|sig))=)[^&#\s"']*/gi;

/**
 * Replaces OpenRouter keys (also JSON-escaped or percent-encoded), bearer tokens and
 * credential-named URL parameters in text, so it can be logged or thrown.
 * @example
 * redactText("GET https://x.dev/a?key=abc Bearer t0k"); // "GET https://x.dev/a?key=<redacted> Bearer <redacted>"
 */
export function redactText(text: string): string {
  return text
    .replace(KEY_PATTERN, "sk-or-<redacted>")
    .replace(BEARER_PATTERN, "$1<redacted>")
    .replace(CREDENTIAL_PARAM, "$1<redacted>");
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;

/** Header pairs safe to log: credentials replaced, everything else redacted of keys. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers))
    out[name] = CREDENTIAL_HEADER.test(name) ? "<redacted>" : redactText(value);
  return out;
}

/**
 * A copy of a JSON-like value with every string (keys included) passed through `redactText`.
 * Redact parsed values, not the text they came from: parsing decodes `\u002d` into a dash.
 */
export function redactValue<T>(value: T): T {
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redactText(k), redactValue(v)]),
    ) as T;
  }
  return value;
}
