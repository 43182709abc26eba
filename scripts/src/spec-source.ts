import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { repoRoot } from "./paths.ts";
import { canonicalJson, parseSpecText, sha256, type OpenApiDocument } from "./spec-document.ts";

/** A spec read from a URL or a file, with its canonical text and hash. */
export interface LoadedSpec {
  doc: OpenApiDocument;
  /** Canonical JSON: what the cache holds and the lock hashes. */
  text: string;
  sha256: string;
  /** The source as recorded in the lock (URLs as given, paths relative to the repo root). */
  source: string;
  etag?: string;
}

/** Raised when a source cannot be read at all (network, HTTP status, missing file). */
export class SpecSourceError extends Error {
  override name = "SpecSourceError";
}

export interface LoadOptions {
  /** Sent as `If-None-Match`; a 304 answer yields `{ notModified: true }`. */
  etag?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const isUrl = (source: string) => /^https?:\/\//i.test(source);

export async function loadSpec(
  source: string,
  options: LoadOptions = {},
): Promise<LoadedSpec | { notModified: true }> {
  if (!isUrl(source)) return fromText(await readLocal(source), recordedPath(source));
  const { etag, timeoutMs = 30_000, fetch: doFetch = fetch } = options;
  let response: Response;
  let body: string;
  try {
    response = await doFetch(source, {
      headers: {
        accept: "application/json, application/yaml;q=0.9, */*;q=0.5",
        ...(etag ? { "if-none-match": etag } : {}),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The timeout covers the body too: a server may send headers, then stall.
    body = await response.text();
  } catch (error) {
    const cause = error as Error;
    const why =
      cause.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : describeCause(cause);
    throw new SpecSourceError(
      `Cannot reach ${source}: ${why}. Check the network, or pass a local copy with --from <path>.`,
      { cause },
    );
  }
  if (response.status === 304) return { notModified: true };
  if (!response.ok) {
    throw new SpecSourceError(`${source} answered ${response.status} ${response.statusText}.`);
  }
  const loaded = fromText(body, source);
  const newEtag = response.headers.get("etag");
  if (newEtag) loaded.etag = newEtag;
  return loaded;
}

function fromText(raw: string, source: string): LoadedSpec {
  const doc = parseSpecText(raw, source);
  const text = canonicalJson(doc);
  return { doc, text, sha256: sha256(text), source };
}

async function readLocal(path: string): Promise<string> {
  try {
    return await readFile(resolve(path), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecSourceError(`Cannot read ${path}: ${code ?? (error as Error).message}.`, {
      cause: error,
    });
  }
}

function recordedPath(path: string): string {
  const absolute = resolve(path);
  const rel = relative(repoRoot, absolute);
  return isAbsolute(rel) ? absolute : rel;
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
