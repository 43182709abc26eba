import { createHash } from "node:crypto";
import { parse as parseYaml } from "yaml";

/** The parts of an OpenAPI 3.1 document the pipeline reads; the rest passes through untouched. */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

/** Raised when a source is not an OpenAPI 3.1 document; `source` says which. */
export class SpecFormatError extends Error {
  override name = "SpecFormatError";
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`${source} is not an OpenAPI 3.1 document: ${reason}`);
  }
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Parses JSON or YAML text (JSON first: it is the common case and much faster). */
export function parseSpecText(text: string, source: string): OpenApiDocument {
  let doc: unknown;
  const trimmed = text.trimStart();
  try {
    doc = trimmed.startsWith("{") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new SpecFormatError(source, `cannot parse as JSON or YAML (${(error as Error).message})`);
  }
  assertOpenApi31(doc, source);
  return doc;
}

export function assertOpenApi31(doc: unknown, source: string): asserts doc is OpenApiDocument {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpecFormatError(source, "the top level is not an object");
  }
  const version = (doc as { openapi?: unknown }).openapi;
  if (typeof version !== "string") throw new SpecFormatError(source, "no `openapi` version field");
  if (!/^3\.1\.\d+/.test(version)) {
    throw new SpecFormatError(source, `version ${version}, expected 3.1.x`);
  }
  const paths = (doc as { paths?: unknown }).paths;
  if (paths === null || typeof paths !== "object") {
    throw new SpecFormatError(source, "no `paths` object");
  }
}

/** The canonical bytes we hash and cache: 2-space JSON with a trailing newline. */
export function canonicalJson(doc: OpenApiDocument): string {
  return JSON.stringify(doc, null, 2) + "\n";
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface OperationRef {
  method: string;
  path: string;
  operationId: string;
  operation: Record<string, unknown>;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const operationId =
        typeof operation.operationId === "string" ? operation.operationId : `${method} ${path}`;
      out.push({ method, path, operationId, operation });
    }
  }
  return out;
}

export function countSchemas(doc: OpenApiDocument): number {
  return Object.keys(doc.components?.schemas ?? {}).length;
}
