import { deref, operations, type Overlay } from "./overlay.ts";

/** App attribution headers the API accepts on every request but the spec does not declare. */
export const ATTRIBUTION_HEADERS = {
  AttributionReferer: { name: "HTTP-Referer", description: "Your app's URL, for app attribution." },
  AttributionTitle: {
    name: "X-OpenRouter-Title",
    description: "Your app's name, for app attribution.",
  },
  AttributionTitleLegacy: { name: "X-Title", description: "Older name of X-OpenRouter-Title." },
  AttributionCategories: {
    name: "X-OpenRouter-Categories",
    description: "Comma-separated categories of your app, for app attribution.",
  },
} as const;

export const attributionHeaders: Overlay = {
  name: "attribution-headers",
  description: "Declare HTTP-Referer, X-OpenRouter-Title, X-Title and X-OpenRouter-Categories.",
  apply(doc) {
    let changed = 0;
    doc.components ??= {};
    doc.components.parameters ??= {};
    for (const [key, { name, description }] of Object.entries(ATTRIBUTION_HEADERS)) {
      doc.components.parameters[key] ??= {
        in: "header",
        name,
        required: false,
        description,
        schema: { type: "string" },
      };
    }
    for (const operation of operations(doc)) {
      const parameters: Record<string, any>[] = (operation.parameters ??= []);
      // Header names are case-insensitive; a `$ref` is followed, so a header declared under
      // another component name is not declared twice.
      const declared = new Set(
        parameters
          .map((p) => deref(doc, p))
          .filter((p) => p?.in === "header")
          .map((p) => String(p.name).toLowerCase()),
      );
      for (const [key, { name }] of Object.entries(ATTRIBUTION_HEADERS)) {
        if (declared.has(name.toLowerCase())) continue;
        parameters.push({ $ref: `#/components/parameters/${key}` });
        changed++;
      }
    }
    return changed;
  },
};
