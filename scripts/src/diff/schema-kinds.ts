import { refName, type Schema, type SpecIndex } from "./spec-index.ts";

/**
 * The JSON types a schema admits, as TypeScript sees them: `integer` is `number`, and
 * `format: binary` is its own kind because the generator types it as `Blob`.
 */
export type Kind = "string" | "number" | "boolean" | "null" | "object" | "array" | "binary";

const ALL: readonly Kind[] = ["string", "number", "boolean", "null", "object", "array", "binary"];
const OBJECT_KEYWORDS = ["properties", "additionalProperties", "patternProperties", "required"];

/** Computes (and memoises per component name) the kinds of schemas of one document. */
export class KindResolver {
  private readonly named = new Map<string, Set<Kind>>();
  private readonly inline = new WeakMap<object, Set<Kind>>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly index: SpecIndex) {}

  kinds(schema: unknown): Set<Kind> {
    if (schema === true || schema === undefined) return new Set(ALL);
    if (schema === false || schema === null || typeof schema !== "object") return new Set();
    const name = refName(schema);
    if (name !== undefined) return this.ofNamed(name);
    let known = this.inline.get(schema);
    if (!known) {
      known = this.compute(schema as Schema);
      this.inline.set(schema, known);
    }
    return known;
  }

  private ofNamed(name: string): Set<Kind> {
    const memo = this.named.get(name);
    if (memo) return memo;
    // A union that includes itself adds nothing new: count the cycle as empty.
    if (this.inProgress.has(name)) return new Set();
    this.inProgress.add(name);
    const kinds = this.kinds(this.index.schemas[name]);
    this.inProgress.delete(name);
    this.named.set(name, kinds);
    return kinds;
  }

  private compute(schema: Schema): Set<Kind> {
    let kinds = new Set<Kind>(ALL);
    const narrow = (by: Set<Kind>) => {
      kinds = new Set([...kinds].filter((k) => by.has(k)));
    };
    if (schema.type !== undefined) narrow(declaredKinds(schema));
    const values = schema.const !== undefined ? [schema.const] : schema.enum;
    if (Array.isArray(values)) narrow(new Set(values.map(kindOfValue)));
    const variants = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(variants)) {
      narrow(new Set(variants.flatMap((v: unknown) => [...this.kinds(v)])));
    }
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf) {
        const partKinds = this.kinds(part);
        if (partKinds.size < ALL.length) narrow(partKinds);
      }
    }
    if (kinds.size === ALL.length) {
      if (OBJECT_KEYWORDS.some((k) => k in schema)) kinds = new Set(["object"]);
      else if ("items" in schema || "prefixItems" in schema) kinds = new Set(["array"]);
    }
    // OpenAPI 3.0's `nullable`, still found in 3.1 documents: the generator honours it.
    if (schema.nullable === true) kinds.add("null");
    return kinds;
  }
}

function declaredKinds(schema: Schema): Set<Kind> {
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const kinds = new Set<Kind>();
  for (const type of types) {
    if (type === "integer" || type === "number") kinds.add("number");
    else if (type === "string") kinds.add(schema.format === "binary" ? "binary" : "string");
    else if (typeof type === "string" && (ALL as readonly string[]).includes(type)) {
      kinds.add(type as Kind);
    }
  }
  return kinds;
}

function kindOfValue(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return type;
  return "object";
}

/** `string | null`, in a stable order. */
export function describeKinds(kinds: Set<Kind>): string {
  if (kinds.size === ALL.length) return "any";
  if (kinds.size === 0) return "never";
  return ALL.filter((k) => kinds.has(k)).join(" | ");
}

export const isSubset = (a: Set<Kind>, b: Set<Kind>) => [...a].every((k) => b.has(k));
export const sameKinds = (a: Set<Kind>, b: Set<Kind>) => a.size === b.size && isSubset(a, b);
