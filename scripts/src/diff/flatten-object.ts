import { refName, type Schema, type SpecIndex } from "./spec-index.ts";

export interface FlatProperty {
  schema: unknown;
  required: boolean;
  /**
   * The component schema it comes from through `allOf` (`""`: written inline here). Properties
   * from a component both sides include are diffed once, under that component's name.
   */
  origin: string;
}

/** An object schema with its `allOf` parts merged: what the generated type looks like. */
export interface FlatObject {
  properties: Map<string, FlatProperty>;
  /** `additionalProperties` as written on the schema or its parts (`undefined`: absent). */
  additional: unknown;
  /** Component schemas merged in through `allOf`, at any depth. */
  refs: Set<string>;
}

/**
 * Merges `properties`, `required` and `additionalProperties` across `allOf` (cycle-safe). A
 * property defined more than once keeps its last, most specific definition.
 */
export function flattenObject(schema: unknown, index: SpecIndex): FlatObject {
  const flat: FlatObject = { properties: new Map(), additional: undefined, refs: new Set() };
  const required = new Set<string>();
  const visit = (node: unknown, origin: string, seen: Set<string>) => {
    const name = refName(node);
    if (name !== undefined) {
      if (seen.has(name)) return;
      flat.refs.add(name);
      visit(index.schemas[name], origin || name, new Set(seen).add(name));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const object = node as Schema;
    // Parts first, then the schema's own properties: the more specific definition wins, as in
    // `allOf: [Base, { properties: { item: Narrower } }]`.
    if (Array.isArray(object.allOf)) for (const part of object.allOf) visit(part, origin, seen);
    for (const [key, value] of Object.entries(object.properties ?? {})) {
      flat.properties.set(key, { schema: value, required: false, origin });
    }
    if (Array.isArray(object.required)) for (const key of object.required) required.add(key);
    if (object.additionalProperties !== undefined) flat.additional = object.additionalProperties;
  };
  visit(schema, "", new Set());
  for (const [key, property] of flat.properties) property.required = required.has(key);
  return flat;
}
