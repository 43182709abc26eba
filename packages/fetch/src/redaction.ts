const KEY_PATTERN = /sk-or-[A-Za-z0-9_-]+/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"',]+/gi;

/** Replaces OpenRouter keys and bearer tokens in text, so it can be logged or thrown. */
export function redactText(text: string): string {
  return text.replace(KEY_PATTERN, "sk-or-<redacted>").replace(BEARER_PATTERN, "$1<redacted>");
}

/** Header pairs safe to log: credentials replaced, everything else redacted of keys. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = /^(authorization|cookie|set-cookie|x-api-key)$/i.test(name) ? "<redacted>" : redactText(value);
  });
  return out;
}
