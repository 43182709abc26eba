import { listOperations } from "../spec-document.ts";
import { refName, type SpecIndex } from "./spec-index.ts";
import type { Side } from "./types.ts";

/**
 * On which side each component schema is used, following every reference from the operations'
 * parameters and request bodies (request) and responses (response). Used for schemas the diff
 * walk did not reach, so that their changes are still classified for the way they are used.
 */
export function schemaSides(index: SpecIndex): Map<string, Set<Side>> {
  const sides = new Map<string, Set<Side>>();
  const visit = (node: unknown, side: Side) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, side);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const name = refName(node);
    if (name !== undefined) {
      const seen = sides.get(name) ?? new Set<Side>();
      if (seen.has(side)) return;
      sides.set(name, seen.add(side));
      visit(index.schemas[name], side);
      return;
    }
    // Parameters, request bodies and responses may be references to components too.
    const target = typeof (node as { $ref?: unknown }).$ref === "string" ? index.deref(node) : node;
    for (const value of Object.values(target ?? {})) visit(value, side);
  };
  for (const { path, operation } of listOperations(index.doc)) {
    visit(index.doc.paths[path]?.parameters, "request");
    visit(operation.parameters, "request");
    visit(operation.requestBody, "request");
    visit(operation.responses, "response");
  }
  return sides;
}
