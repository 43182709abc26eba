import { flattenObject, type FlatProperty } from "./flatten-object.ts";
import { record, type LocalDiff } from "./local-diff.ts";
import { describeKinds, isSubset, sameKinds } from "./schema-kinds.ts";
import { refName, unwrapRef, type Schema, type SpecIndex } from "./spec-index.ts";
import type { Side } from "./types.ts";
import {
  describeVariants,
  isUnion,
  matchVariants,
  unionMembers,
  type VariantSide,
} from "./variants.ts";

/** Deeper than any real schema; stops pathological inline nesting. */
const MAX_DEPTH = 64;

/** Two schemas met at one place: as written (`a`, `b`: maybe a `$ref`) and dereferenced. */
interface SchemaPair {
  a: unknown;
  b: unknown;
  oldSchema: Schema;
  newSchema: Schema;
  side: Side;
  location: string;
  out: LocalDiff;
}

/**
 * Compares two schemas as the generated TypeScript types see them, on one side (request or
 * response). It never follows a `$ref` pair: two references become an `Edge` that the caller
 * compares once per (old, new, side) and memoises, which keeps the full spec pair fast and makes
 * recursive schemas terminate. A reference facing an inline schema is resolved one level.
 */
export class SchemaDiffer {
  constructor(
    private readonly before: VariantSide,
    private readonly after: VariantSide,
  ) {}

  diff(
    rawA: unknown,
    rawB: unknown,
    side: Side,
    location: string,
    out: LocalDiff,
    depth = 0,
  ): void {
    const a = unwrapRef(rawA);
    const b = unwrapRef(rawB);
    const aName = refName(a);
    const bName = refName(b);
    if (aName !== undefined && bName !== undefined) {
      out.edges.push({ from: aName, to: bName, side });
      return;
    }
    if (depth > MAX_DEPTH) return;
    this.compareKinds(a, b, side, location, out);
    const oldSchema = this.before.index.deref(a);
    const newSchema = this.after.index.deref(b);
    if (!isSchema(oldSchema) || !isSchema(newSchema)) return;
    const pair: SchemaPair = { a, b, oldSchema, newSchema, side, location, out };
    const oldUnion = isUnion(oldSchema);
    const newUnion = isUnion(newSchema);
    if (oldUnion !== newUnion) {
      // A union beside a plain schema: the plain one is compared as a member of it.
      this.compareVariants(pair, depth);
      return;
    }
    this.compareEnums(pair);
    if (oldUnion) this.compareVariants(pair, depth);
    const oldKinds = this.before.kinds.kinds(a);
    const newKinds = this.after.kinds.kinds(b);
    if (oldKinds.has("object") && newKinds.has("object")) {
      this.compareObjects(oldSchema, newSchema, side, location, out, depth);
    }
    if (oldKinds.has("array") && newKinds.has("array")) {
      if (oldSchema.items !== undefined && newSchema.items !== undefined) {
        this.diff(oldSchema.items, newSchema.items, side, `${location}[]`, out, depth + 1);
      }
    }
  }

  private compareKinds(a: unknown, b: unknown, side: Side, location: string, out: LocalDiff) {
    const oldKinds = this.before.kinds.kinds(a);
    const newKinds = this.after.kinds.kinds(b);
    if (sameKinds(oldKinds, newKinds)) return;
    const values = [describeKinds(oldKinds), describeKinds(newKinds)];
    const rule =
      side === "request"
        ? isSubset(oldKinds, newKinds)
          ? "request-type-widened"
          : "request-type-changed"
        : isSubset(newKinds, oldKinds)
          ? "response-type-narrowed"
          : "response-type-changed";
    record(out, { rule, side, location, message: `type ${values[0]} → ${values[1]}`, values });
  }

  private compareEnums({ a, b, oldSchema, newSchema, side, location, out }: SchemaPair) {
    const oldEnum = enumOf(oldSchema, this.before.index);
    const newEnum = enumOf(newSchema, this.after.index);
    const before = oldEnum?.values;
    const after = newEnum?.values;
    if (!before && !after) return;
    const oldKinds = this.before.kinds.kinds(a);
    const newKinds = this.after.kinds.kinds(b);
    // A value of another type entirely is a retype, already reported.
    if (![...oldKinds].some((k) => newKinds.has(k))) return;
    const oldOpen = oldEnum?.open ?? false;
    const newOpen = newEnum?.open ?? false;
    const at = { side, location };
    if (before && after) {
      const added = after.filter((v) => !before.includes(v));
      const removed = before.filter((v) => !after.includes(v));
      if (added.length > 0) {
        const rule =
          side === "request"
            ? "request-enum-value-added"
            : oldOpen
              ? "response-enum-value-added-open"
              : "response-enum-value-added-closed";
        record(out, {
          rule,
          ...at,
          message: `enum values added: ${added.join(", ")}`,
          values: added,
        });
      }
      if (removed.length > 0) {
        const rule =
          side === "response"
            ? "response-enum-value-removed"
            : newOpen
              ? "request-enum-value-removed-open"
              : "request-enum-value-removed-closed";
        const message = `enum values removed: ${removed.join(", ")}`;
        record(out, { rule, ...at, message, values: removed });
      }
    } else if (before) {
      const rule =
        side === "request"
          ? "request-enum-dropped"
          : oldOpen
            ? "response-enum-dropped-open"
            : "response-enum-dropped-closed";
      record(out, { rule, ...at, message: "enum dropped (any value allowed)", values: before });
    } else if (after) {
      const rule =
        side === "response"
          ? "response-enum-introduced"
          : newOpen
            ? "request-enum-introduced-open"
            : "request-enum-introduced-closed";
      const message = `enum introduced: ${after.join(", ")}`;
      record(out, { rule, ...at, message, values: after });
    }
  }

  private compareVariants(
    { a, b, oldSchema, newSchema, side, location, out }: SchemaPair,
    depth: number,
  ) {
    const discriminator =
      newSchema.discriminator?.propertyName ?? oldSchema.discriminator?.propertyName;
    const oldMembers = isUnion(oldSchema) ? unionMembers(oldSchema) : [a];
    const newMembers = isUnion(newSchema) ? unionMembers(newSchema) : [b];
    const match = matchVariants(
      describeVariants(oldMembers, discriminator, this.before),
      describeVariants(newMembers, discriminator, this.after),
    );
    for (const v of match.removed.filter((v) => !v.primitive)) {
      const rule = side === "request" ? "request-variant-removed" : "response-variant-removed";
      const message = `union member ${v.label} removed`;
      record(out, { rule, side, location: `${location}<${v.label}>`, message, values: [v.label] });
    }
    for (const v of match.added.filter((v) => !v.primitive)) {
      const rule = side === "request" ? "request-variant-added" : "response-variant-added";
      const message = `union member ${v.label} added`;
      record(out, { rule, side, location: `${location}<${v.label}>`, message, values: [v.label] });
    }
    const bothUnions = isUnion(oldSchema) && isUnion(newSchema);
    for (const [o, n] of match.pairs) {
      const at = bothUnions ? `${location}<${n.label}>` : location;
      this.diff(o.schema, n.schema, side, at, out, depth + 1);
    }
  }

  private compareObjects(
    oldSchema: Schema,
    newSchema: Schema,
    side: Side,
    location: string,
    out: LocalDiff,
    depth: number,
  ) {
    const before = flattenObject(oldSchema, this.before.index);
    const after = flattenObject(newSchema, this.after.index);
    // Components merged in on both sides are compared once, under their own names.
    const shared = new Set<string>();
    for (const name of before.refs) {
      const renamed = this.before.rename(name);
      if (!after.refs.has(renamed)) continue;
      shared.add(renamed);
      out.edges.push({ from: name, to: renamed, side });
    }
    const delegated = (p: FlatProperty | undefined, rename: (n: string) => string) =>
      !p || (p.origin !== "" && shared.has(rename(p.origin)));
    const names = new Set([...before.properties.keys(), ...after.properties.keys()]);
    for (const name of names) {
      const o = before.properties.get(name);
      const n = after.properties.get(name);
      if (delegated(o, this.before.rename) && delegated(n, this.after.rename)) continue;
      this.compareProperty(o, n, side, `${location}.${name}`, out, depth);
    }
    const isMap = (v: unknown) => v !== null && typeof v === "object";
    if (isMap(before.additional) && isMap(after.additional)) {
      this.diff(before.additional, after.additional, side, `${location}{}`, out, depth + 1);
    }
  }

  private compareProperty(
    o: FlatProperty | undefined,
    n: FlatProperty | undefined,
    side: Side,
    location: string,
    out: LocalDiff,
    depth: number,
  ) {
    const at = { side, location };
    if (!o && n) {
      const rule =
        side === "response"
          ? "response-property-added"
          : n.required
            ? "request-property-added-required"
            : "request-property-added-optional";
      const message = `property added${n.required ? " (required)" : " (optional)"}`;
      record(out, { rule, ...at, message });
      return;
    }
    if (o && !n) {
      const rule = side === "request" ? "request-property-removed" : "response-property-removed";
      record(out, { rule, ...at, message: "property removed" });
      return;
    }
    if (!o || !n) return;
    if (o.required !== n.required) {
      const rule = n.required
        ? side === "request"
          ? "request-property-made-required"
          : "response-property-made-required"
        : side === "request"
          ? "request-property-made-optional"
          : "response-property-made-optional";
      record(out, { rule, ...at, message: n.required ? "made required" : "made optional" });
    }
    this.diff(o.schema, n.schema, side, location, out, depth + 1);
  }
}

const isSchema = (node: unknown): node is Schema =>
  node !== null && typeof node === "object" && !Array.isArray(node);

/**
 * Listed values (a `const` is a one-value enum; `null` is left to the kind comparison), from the
 * schema or, failing that, from its `allOf` parts; `open` per the open-enums overlay.
 */
function enumOf(
  schema: Schema | undefined,
  index: SpecIndex,
  seen = new Set<Schema>(),
): { values: string[]; open: boolean } | undefined {
  if (!schema || seen.has(schema)) return undefined;
  seen.add(schema);
  const values = schema.const !== undefined ? [schema.const] : schema.enum;
  if (Array.isArray(values)) {
    const listed = values.filter((v) => v !== null).map(showValue);
    return listed.length > 0 ? { values: listed, open: schema["x-open-enum"] === true } : undefined;
  }
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const found = enumOf(index.deref(part), index, seen);
    if (found) return found;
  }
  return undefined;
}

const showValue = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
