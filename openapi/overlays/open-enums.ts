import { visitObjects, type Overlay, type SchemaObject } from "./overlay.ts";

/** The one string an enum lists besides `null`, if it lists exactly one: a tag. */
function tagOf(branch: unknown): string | undefined {
  const values = (branch as SchemaObject | null)?.enum;
  if (!Array.isArray(values) || Object.keys(branch as object).some((k) => !TAG_KEYS.has(k))) {
    return undefined;
  }
  const listed = values.filter((v) => v !== null);
  return listed.length === 1 && typeof listed[0] === "string" && listed.length === values.length
    ? listed[0]
    : undefined;
}
/** Keys a tag branch may carry and still be only a value. */
const TAG_KEYS = new Set(["enum", "type", "description", "title"]);

/**
 * `anyOf: [{enum: ["completed"]}, {enum: ["in_progress"]}, …]` is one enum written as branches:
 * the tags are merged into one `{type: "string", enum: [...]}` branch (the whole schema when
 * nothing else is left), so it opens like any other enum. Returns how many were merged.
 */
function mergeTagBranches(node: SchemaObject): number {
  let merged = 0;
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    const tags = branches.map(tagOf);
    const values = tags.filter((t): t is string => t !== undefined);
    if (values.length < 2) continue;
    const rest = branches.filter((_, i) => tags[i] === undefined);
    const union: SchemaObject = { type: "string", enum: values };
    if (rest.length === 0) {
      delete node[key];
      Object.assign(node, union);
    } else {
      node[key] = [union, ...rest];
    }
    merged++;
  }
  return merged;
}

/**
 * The API returns enum values the spec does not list yet (finish reasons, providers,
 * modalities, statuses). The rule: every string enum with two or more values is open, however
 * the spec writes it — `enum: [...]` anywhere (properties, array items, query parameters,
 * union branches) or an `anyOf`/`oneOf` of one-value enums, which is first merged into one
 * enum. Open enums are marked `x-open-enum`: the generator types them as
 * `"a" | "b" | (string & {})` (autocomplete kept, unknown values accepted) and the contract
 * validator treats their `enum` as documentation. What stays closed: one-value enums (they are
 * discriminator tags, and unions would stop narrowing), non-string enums (numeric codes such as
 * `EndpointStatus`), and enums a schema marks `x-open-enum: false`.
 */
export const openEnums: Overlay = {
  name: "open-enums",
  description:
    "Mark multi-value string enums as open (one-value anyOf branches merged first): unknown values are valid.",
  apply(doc) {
    let changed = 0;
    visitObjects(doc, (node) => {
      changed += mergeTagBranches(node);
    });
    visitObjects(doc, (node) => {
      if (!Array.isArray(node.enum) || node["x-open-enum"] !== undefined) return;
      const values = node.enum.filter((v: unknown) => v !== null);
      if (values.length < 2 || !values.every((v: unknown) => typeof v === "string")) return;
      node["x-open-enum"] = true;
      changed++;
    });
    return changed;
  },
};
