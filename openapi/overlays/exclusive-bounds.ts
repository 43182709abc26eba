import { visitObjects, type Overlay } from "./overlay.ts";

/**
 * OpenAPI 3.0 wrote `exclusiveMinimum: true` beside `minimum`; 3.1 (JSON Schema 2020-12) wants
 * the bound itself (`exclusiveMinimum: 0`). Seen in `VideoGenerationRequest.upscale_factor`.
 */
export const exclusiveBounds: Overlay = {
  name: "exclusive-bounds",
  description: "Rewrite 3.0-style boolean exclusiveMinimum/exclusiveMaximum to 3.1 numbers.",
  apply(doc) {
    let changed = 0;
    visitObjects(doc, (node) => {
      for (const [flag, bound] of [
        ["exclusiveMinimum", "minimum"],
        ["exclusiveMaximum", "maximum"],
      ] as const) {
        if (typeof node[flag] !== "boolean") continue;
        if (node[flag] && typeof node[bound] === "number") {
          node[flag] = node[bound];
          delete node[bound];
        } else {
          delete node[flag];
        }
        changed++;
      }
    });
    return changed;
  },
};
