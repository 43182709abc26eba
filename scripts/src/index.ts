// The pipeline as a library, for the workspace's own tests and tools.
export { overlaidSpec } from "./overlaid-spec.ts";
export { lockedSpec, fetchSpec, SpecLockError } from "./spec-cache.ts";
export { loadSpec, SpecSourceError } from "./spec-source.ts";
export {
  listOperations,
  parseSpecText,
  SpecFormatError,
  type OpenApiDocument,
} from "./spec-document.ts";
export { applyOverlays, overlays } from "../../openapi/overlays/index.ts";
