import { AdminArgumentError } from "./errors";

/** One page of a list, as the API answered it. */
export interface Page<T> {
  items: T[];
  /** The offset this page was requested at. */
  offset: number;
  /** `total_count` of the list, when the operation reports one (`/keys` does not). */
  totalCount?: number;
}

/** Options every list takes. */
export interface ListOptions {
  /** Stop after this many items in total. Default: all. */
  limit?: number;
  /** Items per request, 1 to 100. Default 100. Ignored by `keys.list`, whose pages the server sizes. */
  pageSize?: number;
  /** Start at this offset. Default 0. */
  offset?: number;
}

/**
 * A list that pages through the API as it is iterated: `for await (const item of list)`. `.pages()`
 * gives whole pages instead, and `.toArray()` collects every item.
 */
export interface Paginated<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
  toArray(): Promise<T[]>;
}

/** Fetches one page at `offset`; `pageSize` is undefined for offset-only lists. */
export type PageFetcher<T> = (
  offset: number,
  pageSize: number | undefined,
) => Promise<{ items: T[]; totalCount?: number }>;

export const MAX_PAGE_SIZE = 100;

function checkOptions({ limit, pageSize, offset }: ListOptions): void {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new AdminArgumentError(`limit must be a whole number of 0 or more, got ${limit}`);
  }
  if (
    pageSize !== undefined &&
    !(Number.isSafeInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)
  ) {
    throw new AdminArgumentError(
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`,
    );
  }
  if (offset !== undefined && !(Number.isSafeInteger(offset) && offset >= 0)) {
    throw new AdminArgumentError(`offset must be a whole number of 0 or more, got ${offset}`);
  }
}

/** The query of one page: `offset`, `limit` when given. */
export type PageQuery = { offset: number; limit?: number };

/**
 * A page's query: `offset`, `limit` when given, and the filters that are set (an unset filter is
 * left out, not sent empty).
 * @example
 * pageQuery(100, undefined, { workspace_id: undefined }); // { offset: 100 }
 */
export function pageQuery<F extends Record<string, unknown>>(
  offset: number,
  limit: number | undefined,
  filters?: F,
): PageQuery & Partial<F> {
  const query: Record<string, unknown> = limit === undefined ? { offset } : { offset, limit };
  for (const [name, value] of Object.entries(filters ?? {}))
    if (value !== undefined) query[name] = value;
  return query as PageQuery & Partial<F>;
}

/**
 * A lazy list over offset/limit pages (`offsetOnly` for `/keys`, which takes no `limit`: it stops
 * at an empty page or one shorter than an earlier page). Nothing is requested until iterated.
 * @example
 * const list = paginate((offset, limit) => fetchGuardrails(offset, limit), { limit: 250 });
 * for await (const page of list.pages()) console.log(page.items.length);
 */
export function paginate<T>(
  fetchPage: PageFetcher<T>,
  options: ListOptions = {},
  offsetOnly = false,
): Paginated<T> {
  checkOptions(options);
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;

  async function* pages(): AsyncGenerator<Page<T>> {
    let offset = options.offset ?? 0;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let largest = 0;
    while (remaining > 0) {
      const asked = offsetOnly ? undefined : Math.min(pageSize, remaining);
      const { items, totalCount } = await fetchPage(offset, asked);
      const kept = items.slice(0, Math.min(items.length, remaining));
      if (kept.length > 0)
        yield { items: kept, offset, ...(totalCount !== undefined && { totalCount }) };
      remaining -= kept.length;
      offset += items.length;
      const shortPage = asked !== undefined ? items.length < asked : items.length < largest;
      largest = Math.max(largest, items.length);
      if (items.length === 0 || shortPage || (totalCount !== undefined && offset >= totalCount))
        return;
    }
  }

  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
    async toArray() {
      const all: T[] = [];
      for await (const page of pages()) for (const item of page.items) all.push(item);
      return all;
    },
  };
}
