import type { Level } from "./level.ts";
import type { RuleId } from "./rules.ts";

export type { Level };

/** Request: what callers write (parameters, bodies). Response: what they read. */
export type Side = "request" | "response";
/** `none`: the package is not reached by any change (or the documents are identical). */
export type Bump = Level | "none";

/** The packages whose version a spec change can move (see `package-bumps.ts`). */
export const PACKAGES = ["@or/types", "@or/fetch", "@or/stream", "@or/admin"] as const;
export type PackageName = (typeof PACKAGES)[number];

/** One classified difference. */
export interface Change {
  rule: RuleId;
  /** `level === "major"`. */
  breaking: boolean;
  level: Level;
  /** Absent for operation-level and schema-level (export) changes. */
  side?: Side;
  /**
   * Where: `POST /chat/completions`, `GET /byok ?provider`, `ChatRequest.messages[].role`,
   * `POST /x 200 application/json.data[]`. Segments: `.name` property, `[]` array items, `{}`
   * map values, `<key>` union variant.
   */
  location: string;
  /** One line for people. */
  message: string;
  /** The values involved (enum values, property name, `old → new` types), for machines. */
  values?: string[];
  /** `METHOD /path` of every operation whose types the change reaches, sorted. */
  operations: string[];
}

export interface OperationSummary {
  method: string;
  path: string;
  operationId: string;
}

export interface SpecSummary {
  source: string;
  sha256: string;
  operations: number;
  schemas: number;
}

/**
 * The result of `pnpm spec:diff --json`. Stable: fields are only ever added.
 * `breaking` and `nonBreaking` are sorted by location then rule.
 */
export interface SpecDiff {
  from: SpecSummary;
  to: SpecSummary;
  /** Same canonical JSON: nothing changed at all. */
  identical: boolean;
  operationsAdded: OperationSummary[];
  operationsRemoved: OperationSummary[];
  schemasAdded: string[];
  schemasRemoved: string[];
  schemasRenamed: SchemaRename[];
  breaking: Change[];
  nonBreaking: Change[];
  bump: Record<PackageName, Bump>;
}

export interface SchemaRename {
  from: string;
  to: string;
  /** `structure`: same shape under a new name; `references`: used in the same places. */
  evidence: "structure" | "references";
}
