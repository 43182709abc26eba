import type { RuleId } from "./rules.ts";
import type { Side } from "./types.ts";

/** A change before it is classified and attributed: `operations` fills in as walks reach it. */
export interface DraftChange {
  rule: RuleId;
  side?: Side;
  location: string;
  message: string;
  values?: string[];
  operations: Set<string>;
}

/** A pair of component schemas (old name, new name) to compare on one side. */
export interface Edge {
  from: string;
  to: string;
  side: Side;
}

/** What one comparison found directly, and which named pairs it leads to. */
export interface LocalDiff {
  changes: DraftChange[];
  edges: Edge[];
}

export const emptyDiff = (): LocalDiff => ({ changes: [], edges: [] });

export function record(out: LocalDiff, change: Omit<DraftChange, "operations">): void {
  out.changes.push({ ...change, operations: new Set() });
}
