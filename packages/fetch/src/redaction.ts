const KEY_PATTERN = /sk-or-[A-Za-z0-9_-]+/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"',]+/gi;

/** Replaces OpenRouter keys and bearer tokens in text, so it can be logged or thrown. */
export function redactText(text: string): string {
  return text.replace(KEY_PATTERN, "sk-or-<redacted>").replace(BEARER_PATTERN, "$1<redacted>");
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;

/** Header pairs safe to log: credentials replaced, everything else redacted of keys. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers))
    out[name] = CREDENTIAL_HEADER.test(name) ? "<redacted>" : redactText(value);
  return out;
}

/** A copy of a JSON-like value with every string passed through `redactText`. */
export function redactValue<T>(value: T): T {
  if (typeof value === "string") return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)])) as T;
  }
  return value;
}
