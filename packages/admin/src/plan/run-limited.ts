/** What `runLimited` did: the failures with their items, and the items it never started. */
export interface LimitedRun<T> {
  failures: Array<{ item: T; error: unknown }>;
  notStarted: T[];
}

/**
 * Runs `task` over `items` with at most `limit` at a time. Every started task is awaited, failed
 * or not; the failures are returned with their items (nothing is thrown). Once `stop()` answers
 * true no further item is started: those in flight finish, the rest are returned as `notStarted`.
 */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<LimitedRun<T>> {
  const failures: Array<{ item: T; error: unknown }> = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return { failures, notStarted: items.slice(next) };
}
