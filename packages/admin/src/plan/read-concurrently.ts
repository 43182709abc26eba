import type { ListOptions, Paginated } from "../pagination";
import { runLimited } from "./run-limited";

const PAGE = 100;

/**
 * Every item of an offset/limit list that reports `total_count`, its pages after the first
 * fetched `concurrency` at a time (in order in the result). For the account-wide lists (key
 * assignments of 10,000 keys are 100 pages) that one-after-the-other paging makes the slowest
 * read of a plan. `onPage` is called after each page.
 */
export async function readConcurrently<T>(
  list: (options: ListOptions) => Paginated<T>,
  concurrency: number,
  onPage: () => void,
): Promise<T[]> {
  const first = await onePage(list({ limit: PAGE }));
  onPage();
  const total = first.totalCount;
  if (total === undefined || first.items.length < PAGE) return first.items;
  const offsets: number[] = [];
  for (let offset = PAGE; offset < total; offset += PAGE) offsets.push(offset);
  const pages = new Map<number, T[]>();
  const errors: unknown[] = [];
  await runLimited(offsets, concurrency, async (offset) => {
    try {
      pages.set(offset, (await onePage(list({ offset, limit: PAGE }))).items);
      onPage();
    } catch (error) {
      errors.push(error);
    }
  });
  if (errors.length > 0) throw errors[0];
  const items = [...first.items];
  for (const offset of offsets) for (const item of pages.get(offset) ?? []) items.push(item);
  return items;
}

async function onePage<T>(list: Paginated<T>): Promise<{ items: T[]; totalCount?: number }> {
  for await (const page of list.pages())
    return {
      items: page.items,
      ...(page.totalCount !== undefined && { totalCount: page.totalCount }),
    };
  return { items: [] };
}
