import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { lockPath } from "./paths.ts";
import { countSchemas, listOperations, type OpenApiDocument } from "./spec-document.ts";

/** `openapi/openrouter.lock.json`: which upstream document the generated code is built from. */
export interface SpecLock {
  /** URL or path the document was taken from. */
  source: string;
  /** sha256 of the canonical JSON (see `canonicalJson`). */
  sha256: string;
  openapi: string;
  version?: string;
  operations: number;
  schemas: number;
  /** ETag of the last fetch by URL, sent back as `If-None-Match`. */
  etag?: string;
}

export function readLock(path = lockPath): SpecLock | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as SpecLock;
}

export function writeLock(lock: SpecLock, path = lockPath): void {
  writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
}

export function lockFor(
  doc: OpenApiDocument,
  hash: string,
  source: string,
  etag?: string,
): SpecLock {
  const lock: SpecLock = {
    source,
    sha256: hash,
    openapi: doc.openapi,
    version: doc.info?.version,
    operations: listOperations(doc).length,
    schemas: countSchemas(doc),
  };
  if (etag) lock.etag = etag;
  return lock;
}
