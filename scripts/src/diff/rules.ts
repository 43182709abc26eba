import type { Level } from "./level.ts";

interface RuleSpec {
  /** What changed, for the README table. */
  change: string;
  /** The semver level this change needs in the packages it reaches; `major` means breaking. */
  level: Level;
  /** Why, for a TypeScript consumer of `@or/types` / `@or/fetch`. */
  why: string;
}

/**
 * Every classification the diff can make. One rule, one fixed level: the README's table is
 * rendered from this object (`pnpm exec tsx scripts/src/diff/rules-table.ts`) and every rule has a
 * test built on a small spec mutation (`scripts/test/diff-rules.test.ts`).
 *
 * "Request" is what callers write (parameters, request bodies): widening it is safe, narrowing
 * breaks calls. "Response" is what callers read: narrowing is safe, widening breaks code that
 * relied on the old shape. Multi-value string enums are open in our types (`"a" | "b" |
 * (string & {})`, overlay `open-enums`), which is why values can be added to them in responses
 * and removed from them in requests without breaking compilation.
 */
export const RULES = {
  "operation-added": {
    change: "An operation is added",
    level: "minor",
    why: "New entries in `paths` and `operations`; existing code is untouched.",
  },
  "operation-removed": {
    change: "An operation is removed",
    level: "major",
    why: "`operations[id]` and the path disappear; calls to it stop compiling.",
  },
  "operation-id-changed": {
    change: "An operation keeps its method and path but changes its `operationId`",
    level: "major",
    why: "`operations[oldId]`, `RequestBody<oldId>` and friends stop compiling.",
  },
  "parameter-added-optional": {
    change: "An optional parameter is added",
    level: "minor",
    why: "Existing calls still type-check.",
  },
  "parameter-added-required": {
    change: "A required parameter is added",
    level: "major",
    why: "Existing calls lack it.",
  },
  "parameter-removed": {
    change: "A parameter is removed",
    level: "major",
    why: "Object literals that pass it fail the excess-property check.",
  },
  "parameter-made-required": {
    change: "A parameter becomes required",
    level: "major",
    why: "Calls that omit it stop compiling.",
  },
  "parameter-made-optional": {
    change: "A parameter becomes optional",
    level: "patch",
    why: "Every existing call still type-checks.",
  },
  "request-body-added-optional": {
    change: "An optional request body is added",
    level: "minor",
    why: "Existing calls still type-check.",
  },
  "request-body-added-required": {
    change: "A required request body is added",
    level: "major",
    why: "Existing calls lack it.",
  },
  "request-body-removed": {
    change: "The request body is removed",
    level: "major",
    why: "Calls that pass a body stop compiling.",
  },
  "request-body-made-required": {
    change: "The request body becomes required",
    level: "major",
    why: "Calls without a body stop compiling.",
  },
  "request-body-made-optional": {
    change: "The request body becomes optional",
    level: "patch",
    why: "Every existing call still type-checks.",
  },
  "request-media-type-added": {
    change: "A request media type is added",
    level: "minor",
    why: "Another way to send; the JSON body type is unchanged.",
  },
  "request-media-type-removed": {
    change: "A request media type is removed",
    level: "major",
    why: "Bodies of that type are no longer accepted by the types.",
  },
  "response-status-added-success": {
    change: "A success status (2xx) is added to an operation's responses",
    level: "major",
    why: "`ResponseBody<Op>` becomes a union with the new body.",
  },
  "response-status-removed-success": {
    change: "A success status (2xx) is removed",
    level: "major",
    why: "`ResponseBody<Op, Status>` for it stops compiling.",
  },
  "response-status-added-error": {
    change: "An error status (4xx/5xx) is added",
    level: "minor",
    why: "Error bodies share one shape in this API and `@or/fetch` raises them as typed errors.",
  },
  "response-status-removed-error": {
    change: "An error status (4xx/5xx) is removed",
    level: "patch",
    why: "`ErrorBody<Op>` narrows; code handling it still compiles.",
  },
  "response-media-type-added": {
    change: "A response media type is added",
    level: "minor",
    why: "`ResponseBody` prefers JSON, so JSON readers are untouched.",
  },
  "response-media-type-removed": {
    change: "A response media type is removed",
    level: "major",
    why: "Code reading that media type stops compiling.",
  },
  "request-property-added-optional": {
    change: "An optional property is added to a request schema",
    level: "minor",
    why: "Existing literals still type-check.",
  },
  "request-property-added-required": {
    change: "A required property is added to a request schema",
    level: "major",
    why: "Existing literals lack it.",
  },
  "request-property-removed": {
    change: "A property is removed from a request schema",
    level: "major",
    why: "Literals that set it fail the excess-property check.",
  },
  "request-property-made-required": {
    change: "A request property becomes required",
    level: "major",
    why: "Literals that omit it stop compiling.",
  },
  "request-property-made-optional": {
    change: "A request property becomes optional",
    level: "patch",
    why: "Every existing literal still type-checks.",
  },
  "response-property-added": {
    change: "A property is added to a response schema",
    level: "minor",
    why: "Readers see more; nothing they use changes.",
  },
  "response-property-removed": {
    change: "A property is removed from a response schema",
    level: "major",
    why: "Code reading it stops compiling.",
  },
  "response-property-made-optional": {
    change: "A response property becomes optional",
    level: "major",
    why: "Under `strictNullChecks` reads of it may be `undefined`.",
  },
  "response-property-made-required": {
    change: "A response property becomes required",
    level: "patch",
    why: "Readers' `undefined` checks become redundant, not wrong.",
  },
  "request-type-widened": {
    change: "A request value accepts more JSON types (e.g. `string` → `string | null`)",
    level: "minor",
    why: "Every existing value is still accepted.",
  },
  "request-type-changed": {
    change: "A request value's JSON types narrow or change (e.g. `string` → `integer`)",
    level: "major",
    why: "Existing values may no longer type-check.",
  },
  "response-type-narrowed": {
    change: "A response value has fewer JSON types (e.g. `string | null` → `string`)",
    level: "patch",
    why: "Code written for the wider type still compiles.",
  },
  "response-type-changed": {
    change: "A response value's JSON types widen or change (e.g. `string` → `string | null`)",
    level: "major",
    why: "Code reading it as the old type stops compiling.",
  },
  "request-enum-value-added": {
    change: "A value is added to a request enum",
    level: "minor",
    why: "More accepted values; existing ones still type-check.",
  },
  "request-enum-value-removed-closed": {
    change: "A value is removed from a closed request enum (single value, or not strings)",
    level: "major",
    why: "Code sending it stops compiling.",
  },
  "request-enum-value-removed-open": {
    change: "A value is removed from an open request enum (two or more strings)",
    level: "patch",
    why: "The type still accepts any string (`string & {}`); only autocomplete loses it. Review: the API may now reject it.",
  },
  "response-enum-value-added-open": {
    change: "A value is added to an open response enum",
    level: "minor",
    why: "Readers already handle unknown strings (`string & {}`).",
  },
  "response-enum-value-added-closed": {
    change: "A value is added to a closed response enum",
    level: "major",
    why: "Exhaustive `switch`es and assignments to the old literal type stop compiling.",
  },
  "response-enum-value-removed": {
    change: "A value is removed from a response enum",
    level: "patch",
    why: "The type narrows; readers still compile.",
  },
  "request-enum-dropped": {
    change: "A request value loses its enum (any value of its type is accepted)",
    level: "minor",
    why: "Every existing value is still accepted.",
  },
  "request-enum-introduced-open": {
    change: "A request value gains an open enum",
    level: "patch",
    why: "The type still accepts any string; autocomplete gains the values.",
  },
  "request-enum-introduced-closed": {
    change: "A request value gains a closed enum",
    level: "major",
    why: "Values outside it stop compiling.",
  },
  "response-enum-dropped-open": {
    change: "An open response enum is dropped",
    level: "minor",
    why: "Readers already handled any string.",
  },
  "response-enum-dropped-closed": {
    change: "A closed response enum is dropped",
    level: "major",
    why: "Code relying on the literal type (narrowing, exhaustive switches) stops compiling.",
  },
  "response-enum-introduced": {
    change: "A response value gains an enum",
    level: "patch",
    why: "The type narrows; readers still compile.",
  },
  "request-variant-added": {
    change: "A variant is added to a request union (`oneOf`/`anyOf`)",
    level: "minor",
    why: "More shapes accepted; existing ones still type-check.",
  },
  "request-variant-removed": {
    change: "A variant is removed from a request union",
    level: "major",
    why: "Values of that shape stop compiling.",
  },
  "response-variant-added": {
    change: "A variant is added to a response union",
    level: "major",
    why: "Unions are closed in our types: exhaustive `switch`es and reads of members common to the old variants stop compiling.",
  },
  "response-variant-removed": {
    change: "A variant is removed from a response union",
    level: "patch",
    why: "The union narrows; readers still compile.",
  },
  "schema-added": {
    change: "A schema (exported type) is added",
    level: "minor",
    why: "New export.",
  },
  "schema-removed": {
    change: "A schema (exported type) is removed",
    level: "major",
    why: "Its `export type` disappears from `@or/types`.",
  },
  "schema-renamed": {
    change: "A schema is renamed (same shape, or found in the same places under a new name)",
    level: "major",
    why: "The old `export type` name disappears.",
  },
} as const satisfies Record<string, RuleSpec>;

export type RuleId = keyof typeof RULES;

export const isBreaking = (rule: RuleId) => RULES[rule].level === "major";
