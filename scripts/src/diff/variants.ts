import { flattenObject } from "./flatten-object.ts";
import { describeKinds, type KindResolver } from "./schema-kinds.ts";
import { refName, unwrapRef, type Schema, type SpecIndex } from "./spec-index.ts";

/** One member of a `oneOf`/`anyOf`, with the keys it can be matched by across versions. */
export interface Variant {
  schema: unknown;
  /** How it is shown in locations: `Name`, `type=output_text`, `string`, `object#2`. */
  label: string;
  /**
   * Candidate identities, strongest first: `ref:`, `tag:`, `allOf:`, `title:`; a member with
   * none of these has only `kind:<kind>#<ordinal>`.
   */
  keys: string[];
  /**
   * Known only by its kind and not a plain object (`string`, `null`, an array, `{}`): a change
   * of the union's kinds already reports it.
   */
  primitive: boolean;
}

export interface VariantSide {
  index: SpecIndex;
  kinds: KindResolver;
  /** Old component names mapped to their new names (renames), identity on the new side. */
  rename: (name: string) => string;
}

/** The members of a union, or the schema itself as the only member. */
export function unionMembers(schema: Schema): unknown[] {
  const members = schema.oneOf ?? schema.anyOf;
  return Array.isArray(members) ? members : [schema];
}

export const isUnion = (schema: Schema) => Array.isArray(schema.oneOf ?? schema.anyOf);

export function describeVariants(
  members: unknown[],
  discriminator: string | undefined,
  side: VariantSide,
): Variant[] {
  // Members known only by their kind are told apart by order: the first object, the second, …
  const ordinals = new Map<string, number>();
  return members.map((member) => {
    const variant = describeVariant(member, discriminator, side);
    if (variant.keys.length > 0) return variant;
    const kind = describeKinds(side.kinds.kinds(member));
    const ordinal = ordinals.get(kind) ?? 0;
    ordinals.set(kind, ordinal + 1);
    variant.keys.push(`kind:${kind}#${ordinal}`);
    variant.label = ordinal === 0 ? kind : `${kind}#${ordinal + 1}`;
    return variant;
  });
}

function describeVariant(
  member: unknown,
  discriminator: string | undefined,
  side: VariantSide,
): Variant {
  const keys: string[] = [];
  member = unwrapRef(member);
  const name = refName(member);
  if (name !== undefined) keys.push(`ref:${side.rename(name)}`);
  const resolved = side.index.deref(member) ?? {};
  const tag = tagOf(resolved, discriminator, side.index);
  if (tag) keys.push(`tag:${tag}`);
  const allOfRef = Array.isArray(resolved.allOf)
    ? resolved.allOf.map(refName).find((n: string | undefined) => n !== undefined)
    : undefined;
  if (allOfRef) {
    // `allOf: [X, { nullable: true }]` and `X` are the same member.
    if (name === undefined) keys.push(`ref:${side.rename(allOfRef)}`);
    keys.push(`allOf:${side.rename(allOfRef)}`);
  }
  if (typeof resolved.title === "string") keys.push(`title:${resolved.title}`);
  const label = name ?? tag ?? (allOfRef ? `allOf ${allOfRef}` : undefined) ?? resolved.title;
  // Known only by kind, and not an object: the kind comparison reports it.
  const kinds = side.kinds.kinds(member);
  const primitive = keys.length === 0 && !(kinds.size === 1 && kinds.has("object"));
  return { schema: member, label: label ?? "", keys, primitive };
}

/** `type=output_text`: the value of the discriminating property, when it is a constant. */
function tagOf(schema: Schema, discriminator: string | undefined, index: SpecIndex) {
  const { properties } = flattenObject(schema, index);
  const candidates = discriminator ? [discriminator] : ["type", ...properties.keys()];
  for (const key of candidates) {
    const property = index.deref(properties.get(key)?.schema);
    if (!property) continue;
    const value =
      property.const ??
      (Array.isArray(property.enum) && property.enum.length === 1 ? property.enum[0] : undefined);
    if (value !== undefined) return `${key}=${String(value)}`;
  }
  return undefined;
}

export interface VariantMatch {
  pairs: [Variant, Variant][];
  removed: Variant[];
  added: Variant[];
}

const KEY_KINDS = ["ref:", "tag:", "allOf:", "title:", "kind:"];

/**
 * Pairs old and new members by the strongest key they share; a single leftover on each side is
 * paired too (a member that changed its identity is diffed, not reported as removed and added).
 */
export function matchVariants(before: Variant[], after: Variant[]): VariantMatch {
  const oldLeft = new Set(before);
  const newLeft = new Set(after);
  const pairs: [Variant, Variant][] = [];
  for (const prefix of KEY_KINDS) {
    const byKey = new Map<string, Variant[]>();
    for (const v of newLeft) {
      for (const key of v.keys.filter((k) => k.startsWith(prefix))) {
        byKey.set(key, [...(byKey.get(key) ?? []), v]);
      }
    }
    for (const o of [...oldLeft]) {
      const key = o.keys.find((k) => k.startsWith(prefix));
      const candidates = key ? (byKey.get(key) ?? []).filter((n) => newLeft.has(n)) : [];
      if (candidates.length !== 1) continue;
      pairs.push([o, candidates[0]!]);
      oldLeft.delete(o);
      newLeft.delete(candidates[0]!);
    }
  }
  if (oldLeft.size === 1 && newLeft.size === 1) {
    const [o] = oldLeft;
    const [n] = newLeft;
    // Primitives are covered by the kind comparison; pairing them would report it twice.
    if (!o!.primitive && !n!.primitive) {
      pairs.push([o!, n!]);
      oldLeft.clear();
      newLeft.clear();
    }
  }
  return { pairs, removed: [...oldLeft], added: [...newLeft] };
}
