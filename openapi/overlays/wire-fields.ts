import type { Overlay, SchemaObject } from "./overlay.ts";

/** A chat annotation as the API sends it: `{ type: "url_citation", url_citation: {...} }`, `file`, … */
const ANNOTATIONS: SchemaObject = {
  description:
    "Citations of the answer (url_citation, file, …): the object named by type holds it.",
  type: "array",
  items: { type: "object", properties: { type: { type: "string" } }, required: ["type"] },
};

/**
 * Fields every chat answer and stream chunk carries that the spec does not declare, so the
 * generated types leave them out: `[schema, path to its properties, field, schema of the field]`.
 */
export const WIRE_FIELDS: [string, string[], string, SchemaObject][] = [
  ["ChatResult", [], "provider", { type: "string", description: "The provider that answered." }],
  [
    "ChatStreamChunk",
    [],
    "provider",
    { type: "string", description: "The provider that answered." },
  ],
  [
    "ChatChoice",
    [],
    "native_finish_reason",
    { type: ["string", "null"], description: "The finish reason as the provider gave it." },
  ],
  [
    "ChatStreamChoice",
    [],
    "native_finish_reason",
    { type: ["string", "null"], description: "The finish reason as the provider gave it." },
  ],
  ["ChatAssistantMessage", [], "annotations", ANNOTATIONS],
  ["ChatStreamDelta", [], "annotations", ANNOTATIONS],
  [
    "ChatUsage",
    ["completion_tokens_details"],
    "image_tokens",
    { type: ["integer", "null"], description: "Tokens used for image output" },
  ],
];

export const wireFields: Overlay = {
  name: "wire-fields",
  description:
    "Declare fields every chat answer carries but the spec leaves out (provider, native_finish_reason, annotations, image_tokens).",
  apply(doc) {
    let changed = 0;
    for (const [schema, path, field, definition] of WIRE_FIELDS) {
      let at: SchemaObject | undefined = doc.components?.schemas?.[schema];
      for (const step of path) at = at?.properties?.[step];
      if (!at?.properties || at.properties[field]) continue;
      at.properties[field] = structuredClone(definition);
      changed++;
    }
    return changed;
  },
};
