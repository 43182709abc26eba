import { makeNullable } from "./nullable-fields.ts";
import { deref, type Overlay } from "./overlay.ts";

/**
 * Responses results whose `usage` the API sends as `null`: `response.created` and
 * `response.in_progress` events carry `"usage": null` until the model has finished. The spec
 * types the base result's `usage` as a non-null object; the full result (an `allOf` of that
 * base and an override whose `usage` accepts null) cannot widen it, so the base itself must.
 */
export const RESPONSES_USAGE_SCHEMAS = ["BaseResponsesResult"];

export const responsesUsageNull: Overlay = {
  name: "responses-usage-null",
  description:
    "Let a Responses result's usage be null, as response.created and in_progress send it.",
  apply(doc) {
    let changed = 0;
    for (const name of RESPONSES_USAGE_SCHEMAS) {
      const properties = doc.components?.schemas?.[name]?.properties;
      if (!properties?.usage) continue;
      const next = makeNullable(properties.usage, (s) => deref(doc, s));
      if (!next) continue;
      properties.usage = next;
      changed++;
    }
    return changed;
  },
};
