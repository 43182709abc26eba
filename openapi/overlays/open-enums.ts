import { visitObjects, type Overlay } from "./overlay.ts";

/**
 * The API returns enum values the spec does not list yet (finish reasons, providers,
 * modalities). Multi-value string enums are marked `x-open-enum`: the generator types them as
 * `"a" | "b" | (string & {})` (autocomplete kept, unknown values accepted) and the contract
 * validator treats their `enum` as documentation. Single-value enums are discriminator tags and
 * stay closed, or unions would stop narrowing.
 */
export const openEnums: Overlay = {
  name: "open-enums",
  description: "Mark multi-value string enums as open: unknown values are valid.",
  apply(doc) {
    let changed = 0;
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
