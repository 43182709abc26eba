import { attributionHeaders } from "./attribution-headers.ts";
import { booleanQueryParams } from "./boolean-query-params.ts";
import { chatResultFingerprint } from "./chat-result-fingerprint.ts";
import { contentPartReasoning } from "./content-part-reasoning.ts";
import { exclusiveBounds } from "./exclusive-bounds.ts";
import { modelsRss } from "./models-rss.ts";
import { nullableFields } from "./nullable-fields.ts";
import { openEnums } from "./open-enums.ts";
import type { Overlay, SpecDocument } from "./overlay.ts";
import { responsesUsageNull } from "./responses-usage-null.ts";
import { streamTolerance } from "./stream-tolerance.ts";
import { wireFields } from "./wire-fields.ts";

export type { Overlay, SpecDocument } from "./overlay.ts";

/** Applied in this order to the locked spec before generating types or validating fixtures. */
export const overlays: Overlay[] = [
  exclusiveBounds,
  nullableFields,
  streamTolerance,
  booleanQueryParams,
  attributionHeaders,
  modelsRss,
  openEnums,
  responsesUsageNull,
  contentPartReasoning,
  chatResultFingerprint,
  wireFields,
];

/** Applies every overlay to a copy of `doc`; reports what each changed. */
export function applyOverlays(doc: SpecDocument): {
  doc: SpecDocument;
  changes: Record<string, number>;
} {
  const copy = structuredClone(doc);
  const changes: Record<string, number> = {};
  for (const overlay of overlays) changes[overlay.name] = overlay.apply(copy);
  return { doc: copy, changes };
}
