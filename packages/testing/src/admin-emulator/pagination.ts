import { badRequest } from "./http-error";

/** Largest `limit` the paginated admin lists accept, and their default (from the spec). */
export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;

function integerParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value))
    throw badRequest(`Query parameter ${name} must be an integer, got "${text}".`);
  return value;
}

/** `offset` of a list request: a non-negative integer, default 0. */
export function readOffset(query: URLSearchParams): number {
  const offset = integerParam(query, "offset") ?? 0;
  if (offset < 0) throw badRequest(`Query parameter offset must be 0 or more, got ${offset}.`);
  return offset;
}

/** `limit` of a list request: 1 to 100, default 50. */
export function readLimit(query: URLSearchParams): number {
  const limit = integerParam(query, "limit") ?? DEFAULT_PAGE_LIMIT;
  if (limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw badRequest(`Query parameter limit must be from 1 to ${MAX_PAGE_LIMIT}, got ${limit}.`);
  }
  return limit;
}

/** An offset/limit page: `{ data, total_count }`, as the spec's paginated lists answer. */
export function offsetLimitPage<T>(
  items: readonly T[],
  query: URLSearchParams,
): { data: T[]; total_count: number } {
  const offset = readOffset(query);
  const limit = readLimit(query);
  return { data: items.slice(offset, offset + limit), total_count: items.length };
}

/** A page of `GET /keys`, which takes `offset` only: the server picks the page size. */
export function offsetOnlyPage<T>(
  items: readonly T[],
  query: URLSearchParams,
  pageSize: number,
): { data: T[] } {
  const offset = readOffset(query);
  return { data: items.slice(offset, offset + pageSize) };
}
