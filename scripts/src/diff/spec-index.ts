import { isAnnotation } from "../schema-annotations.ts";
import type { OpenApiDocument } from "../spec-document.ts";

/** A schema object as JSON: the diff reads it, never writes it. */
export type Schema = Record<string, any>;

const SCHEMA_REF = "#/components/schemas/";

/** The component schema name a `$ref` points at, or undefined for inline schemas. */
export function refName(node: unknown): string | undefined {
  const ref = (node as Schema | null)?.$ref;
  if (typeof ref !== "string" || !ref.startsWith(SCHEMA_REF)) return undefined;
  const rest = ref.slice(SCHEMA_REF.length);
  // `#/components/schemas/A/properties/b` points inside a schema: not a name.
  return rest.includes("/") ? undefined : decodePointer(rest);
}

const decodePointer = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");

/** One side of a diff: the document and cheap access to what it references. */
export class SpecIndex {
  readonly schemas: Record<string, Schema>;

  constructor(readonly doc: OpenApiDocument) {
    this.schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  }

  /** Follows any local `$ref` (schemas, parameters, request bodies, responses) to its target. */
  deref(node: unknown, seen = new Set<string>()): Schema | undefined {
    const ref = (node as Schema | null)?.$ref;
    if (typeof ref !== "string") return node as Schema | undefined;
    if (seen.has(ref) || !ref.startsWith("#/")) return undefined;
    seen.add(ref);
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((at, key) => (at as Schema | undefined)?.[decodePointer(key)], this.doc);
    return this.deref(target, seen);
  }
}

// Unlike the generator's fold (`foldAnnotatedRefs`), `default` counts as an annotation here.
const annotationOnly = (node: unknown) =>
  node !== null &&
  typeof node === "object" &&
  Object.keys(node).every((k) => isAnnotation(k) || k === "default");

/**
 * `allOf: [{ $ref: X }]` (beside annotations only) is X itself: the generator folds it the same
 * way, and comparing it as X keeps it a memoised pair.
 */
export function unwrapRef(node: unknown): unknown {
  const schema = node as Schema | null;
  if (!schema || typeof schema !== "object" || !Array.isArray(schema.allOf)) return node;
  const { allOf, ...rest } = schema;
  const refs = allOf.filter((part: unknown) => refName(part) !== undefined);
  if (refs.length !== 1 || !annotationOnly(rest)) return node;
  if (!allOf.every((part: unknown) => part === refs[0] || annotationOnly(part))) return node;
  return refs[0];
}
