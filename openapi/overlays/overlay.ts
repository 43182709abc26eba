/**
 * An overlay fixes one known defect of the upstream spec. It edits the document in place and
 * returns how many places it changed, so a test can tell when upstream fixes the defect.
 */
export interface Overlay {
  name: string;
  /** The defect, in one sentence, and what the overlay does about it. */
  description: string;
  apply(doc: SpecDocument): number;
}

/** Overlays see the document as plain JSON; they only touch what they name. */
export type SpecDocument = Record<string, any>;
export type SchemaObject = Record<string, any>;

/** Visits every object in the document (schemas, parameters, examples alike), depth first. */
export function visitObjects(node: unknown, visit: (object: SchemaObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitObjects(item, visit);
  } else if (node !== null && typeof node === "object") {
    visit(node as SchemaObject);
    for (const value of Object.values(node)) visitObjects(value, visit);
  }
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation object of the document. */
export function operations(doc: SpecDocument): SchemaObject[] {
  const out: SchemaObject[] = [];
  for (const item of Object.values<SchemaObject>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) if (item[method]) out.push(item[method]);
  }
  return out;
}

/** Follows a local `#/components/...` reference. */
export function deref(doc: SpecDocument, node: SchemaObject): SchemaObject {
  if (typeof node?.$ref !== "string") return node;
  return node.$ref
    .slice(2)
    .split("/")
    .reduce(
      (at: SchemaObject, key: string) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
      doc,
    );
}
