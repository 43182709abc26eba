import { applyOverlays } from "../../openapi/overlays/index.ts";
import { lockedSpec } from "./spec-cache.ts";
import type { OpenApiDocument } from "./spec-document.ts";

/**
 * The locked spec with our overlays applied: what the types are generated from and what
 * contract tests validate against.
 */
export async function overlaidSpec(): Promise<OpenApiDocument> {
  const { doc } = await lockedSpec();
  return applyOverlays(doc).doc as OpenApiDocument;
}
