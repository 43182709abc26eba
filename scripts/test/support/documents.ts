import type { SpecDocument } from "../../../openapi/overlays/index.ts";

/** A tiny OpenAPI 3.1 document: just the schemas and paths a test names. */
export function specWith(parts: {
  schemas?: Record<string, unknown>;
  paths?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
}): SpecDocument {
  return {
    openapi: "3.1.0",
    info: { title: "Synthetic", version: "1" },
    paths: parts.paths ?? {},
    components: {
      schemas: parts.schemas ?? {},
      ...(parts.parameters ? { parameters: parts.parameters } : {}),
    },
  };
}

/** A GET operation answering 200 with an empty JSON object. */
export function getOperation(operationId: string, extra: Record<string, unknown> = {}) {
  return {
    operationId,
    responses: {
      200: { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
    },
    ...extra,
  };
}
