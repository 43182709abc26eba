import type { SchemaRename } from "./types.ts";

/** Keys that do not change the generated type. */
const DOCUMENTATION = new Set(["description", "example", "examples", "title", "deprecated"]);

/** Canonical JSON of a schema without its documentation, keys sorted. */
export function shapeFingerprint(schema: unknown): string {
  return JSON.stringify(strip(schema));
}

/** Keys whose values map names to schemas: a property may well be called `description`. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "mapping"]);

function strip(node: unknown, inMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => strip(item));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (!inMap && (DOCUMENTATION.has(key) || key.startsWith("x-"))) continue;
    out[key] = strip((node as Record<string, unknown>)[key], !inMap && NAME_MAPS.has(key));
  }
  return out;
}

/**
 * Removed and added schemas with the same shape, paired one to one. A shape shared by several
 * removed or several added schemas is ambiguous and left as removed + added.
 */
export function renamesByShape(
  removed: Map<string, unknown>,
  added: Map<string, unknown>,
): SchemaRename[] {
  const group = (schemas: Map<string, unknown>) => {
    const byShape = new Map<string, string[]>();
    for (const [name, schema] of schemas) {
      const shape = shapeFingerprint(schema);
      byShape.set(shape, [...(byShape.get(shape) ?? []), name]);
    }
    return byShape;
  };
  const oldShapes = group(removed);
  const newShapes = group(added);
  const renames: SchemaRename[] = [];
  for (const [shape, names] of oldShapes) {
    const candidates = newShapes.get(shape);
    if (names.length === 1 && candidates?.length === 1) {
      renames.push({ from: names[0]!, to: candidates[0]!, evidence: "structure" });
    }
  }
  return renames;
}

/**
 * Pairs found where the old document referenced a removed schema and the new one, at the same
 * place, an added schema: a rename whose shape also changed. Kept only when one to one.
 */
export function renamesByReference(pairs: Iterable<[string, string]>): SchemaRename[] {
  const targets = new Map<string, Set<string>>();
  const sources = new Map<string, Set<string>>();
  for (const [from, to] of pairs) {
    targets.set(from, (targets.get(from) ?? new Set()).add(to));
    sources.set(to, (sources.get(to) ?? new Set()).add(from));
  }
  const renames: SchemaRename[] = [];
  for (const [from, tos] of targets) {
    const [to] = tos;
    if (tos.size === 1 && sources.get(to!)?.size === 1) {
      renames.push({ from, to: to!, evidence: "references" });
    }
  }
  return renames;
}
