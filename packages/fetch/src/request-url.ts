import type { PathSerializer, QuerySerializer, QuerySerializerOptions } from "./client-types";

const encode = (value: unknown, allowReserved?: boolean) =>
  allowReserved ? String(value) : encodeURIComponent(value as string);

/** Fills `{name}` with the encoded param, as openapi-fetch's default (the "simple" style). */
export const defaultPathSerializer: PathSerializer = (pathname, pathParams) =>
  pathname.replace(/\{([^{}]+)\}/g, (match, name: string) => {
    const value = pathParams[name];
    return value === undefined || value === null ? match : encode(value);
  });

/**
 * openapi-fetch's default query serialization: `name=value` pairs, skipping null and
 * undefined; arrays repeat the name (form, explode) and objects use `name[key]` (deepObject).
 */
export function queryString(query: Record<string, unknown>, options?: QuerySerializerOptions) {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof value === "object") {
      throw new TypeError(`Query param "${name}" is nested: pass a querySerializer function.`);
    }
    pairs.push(`${name}=${encode(value, options?.allowReserved)}`);
  };
  for (const name in query) {
    const value = query[name];
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (value && typeof value === "object")
      for (const key in value) add(`${name}[${key}]`, (value as Record<string, unknown>)[key]);
    else add(name, value);
  }
  return pairs.join("&");
}

/** The URL of a call: base (without trailing slashes), path with its params filled, query. */
export function requestUrl(
  baseUrl: string,
  path: string,
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> },
  querySerializer: QuerySerializer<unknown>,
  pathSerializer: PathSerializer,
): string {
  let url = baseUrl + path;
  if (params.path) url = pathSerializer(url, params.path);
  const search = querySerializer(params.query ?? {}).replace(/^\?/, "");
  return search ? `${url}?${search}` : url;
}
