/**
 * Items kept by a wire index, in index order: a `Map`, so no index reaches an object's
 * prototype, and a list without holes however sparse the indexes.
 */
export class IndexedItems<T> {
  readonly #items = new Map<number, T>();
  /** Every index so far came after the ones before it: `values()` need not sort. */
  #ascending = true;
  #last = -1;

  get(index: number): T | undefined {
    return this.#items.get(index);
  }

  set(index: number, item: T): void {
    if (!this.#items.has(index)) {
      if (index < this.#last) this.#ascending = false;
      this.#last = Math.max(this.#last, index);
    }
    this.#items.set(index, item);
  }

  keys(): IterableIterator<number> {
    return this.#items.keys();
  }

  /** The items in index order. */
  values(): T[] {
    if (this.#ascending) return [...this.#items.values()];
    return [...this.#items.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
  }
}
