import type { HeadersOptions } from "./client-types";

/**
 * Merges header sources left to right into a plain record with lower-case names (cheaper for
 * `fetch` than a `Headers`): `null` removes a header, an array appends each value, `undefined`
 * is skipped, values are trimmed: what openapi-fetch does with a `Headers`.
 */
export function mergeHeaders(
  ...sources: (HeadersOptions | Record<string, unknown> | undefined)[]
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    if (!source || typeof source !== "object") continue;
    const entries =
      source instanceof Headers || Array.isArray(source) ? source : Object.entries(source);
    for (const [name, value] of entries as Iterable<[string, unknown]>) {
      const key = name.toLowerCase();
      if (value === null) delete merged[key];
      else if (Array.isArray(value)) for (const item of value) append(merged, key, item);
      else if (value !== undefined) merged[key] = String(value).trim();
    }
  }
  return merged;
}

function append(headers: Record<string, string>, key: string, value: unknown) {
  const item = String(value).trim();
  headers[key] = key in headers ? `${headers[key]}, ${item}` : item;
}
