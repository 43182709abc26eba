import { emptyDiff, type DraftChange, type Edge, type LocalDiff } from "./local-diff.ts";
import type { SchemaDiffer } from "./schema-diff.ts";
import type { SpecIndex } from "./spec-index.ts";

const edgeKey = (edge: Edge) => `${edge.from}\u0000${edge.to}\u0000${edge.side}`;

/**
 * Component schema pairs, each compared once per side and memoised: the 97 operations of the
 * full spec share most of their 769 schemas, and recursive schemas end at an edge already seen.
 */
export class NamedPairs {
  private readonly memo = new Map<string, LocalDiff>();
  /** `old\0new` of every pair some walk has reached, on either side. */
  private readonly reached = new Set<string>();
  /** Every (old name, new name) pair compared, for rename detection. */
  readonly pairs = new Map<string, [string, string]>();

  constructor(
    private readonly differ: SchemaDiffer,
    private readonly before: SpecIndex,
    private readonly after: SpecIndex,
  ) {}

  wasReached(from: string, to: string): boolean {
    return this.reached.has(`${from}\u0000${to}`);
  }

  /**
   * Every change reachable from `start`, its own and those of the pairs its edges lead to,
   * transitively, each once; `operation` (if given) is added to each change's operations.
   */
  walk(start: LocalDiff, operation?: string): DraftChange[] {
    const found = [...start.changes];
    const queue = [...start.edges];
    const visited = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const edge = queue[i]!;
      const key = edgeKey(edge);
      if (visited.has(key)) continue;
      visited.add(key);
      this.reached.add(`${edge.from}\u0000${edge.to}`);
      const local = this.local(edge, key);
      found.push(...local.changes);
      queue.push(...local.edges);
    }
    if (operation) for (const change of found) change.operations.add(operation);
    return found;
  }

  private local(edge: Edge, key: string): LocalDiff {
    let local = this.memo.get(key);
    if (local) return local;
    local = emptyDiff();
    this.memo.set(key, local);
    this.pairs.set(`${edge.from}\u0000${edge.to}`, [edge.from, edge.to]);
    const a = this.before.schemas[edge.from];
    const b = this.after.schemas[edge.to];
    // A dangling reference has no type to compare; the generator reports it.
    if (a === undefined || b === undefined) return local;
    const location = edge.from === edge.to ? edge.to : `${edge.to} (was ${edge.from})`;
    this.differ.diff(a, b, edge.side, location, local);
    return local;
  }
}
