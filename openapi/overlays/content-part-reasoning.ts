import { deref, type Overlay, type SchemaObject } from "./overlay.ts";

/**
 * Content-part events whose `part` the spec widens in an `allOf` override. The event is
 * `allOf: [Base, { properties: { part: anyOf [text, reasoning_text, refusal] } }]`, but the
 * base's own `part` allows only text and refusal, and an `allOf` can only narrow: a
 * `reasoning_text` part, which the API streams, can never validate and the generated type
 * leaves it out. The overlay gives the base the override's wider `part`.
 */
export const CONTENT_PART_EVENTS = ["ContentPartAddedEvent", "ContentPartDoneEvent"];

/** The `part` an event's `allOf` override declares, and the base schema it overrides. */
function overriddenPart(doc: SchemaObject, event: SchemaObject | undefined) {
  if (!Array.isArray(event?.allOf)) return undefined;
  const base = event.allOf.find((s: SchemaObject) => typeof s.$ref === "string");
  const override = event.allOf.find((s: SchemaObject) => s.properties?.part);
  const baseSchema = base && deref(doc, base);
  if (!override || !baseSchema?.properties?.part) return undefined;
  return { base: baseSchema, part: override.properties.part as SchemaObject };
}

export const contentPartReasoning: Overlay = {
  name: "content-part-reasoning",
  description:
    "Let response.content_part.added/done carry a reasoning_text part (an allOf cannot widen its base).",
  apply(doc) {
    let changed = 0;
    for (const name of CONTENT_PART_EVENTS) {
      const found = overriddenPart(doc, doc.components?.schemas?.[name]);
      if (!found) continue;
      if (JSON.stringify(found.base.properties.part) === JSON.stringify(found.part)) continue;
      found.base.properties.part = structuredClone(found.part);
      changed++;
    }
    return changed;
  },
};
