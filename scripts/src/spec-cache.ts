import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readLock, writeLock, lockFor, type SpecLock } from "./lock.ts";
import { cachePath, defaultSource, localCandidates, lockPath } from "./paths.ts";
import { parseSpecText, sha256, type OpenApiDocument } from "./spec-document.ts";
import { isUrl, loadSpec, type LoadedSpec } from "./spec-source.ts";

/** Raised when the spec on disk does not match the lock; the message says how to fix it. */
export class SpecLockError extends Error {
  override name = "SpecLockError";
}

const HOW_TO_UPDATE =
  "Run `pnpm spec:fetch` to take the current upstream spec (it rewrites the lock), " +
  "or `pnpm spec:update` to review the change, regenerate and write a changeset.";

function readCache(): { text: string; sha256: string } | undefined {
  if (!existsSync(cachePath)) return undefined;
  const text = readFileSync(cachePath, "utf8");
  return { text, sha256: sha256(text) };
}

function writeCache(text: string): void {
  mkdirSync(dirname(cachePath), { recursive: true });
  writeFileSync(cachePath, text);
}

/** A local snapshot whose hash equals the lock's stands in for the URL. */
async function findLocalMatch(lock: SpecLock): Promise<LoadedSpec | undefined> {
  for (const candidate of localCandidates) {
    if (!existsSync(candidate)) continue;
    const loaded = (await loadSpec(candidate)) as LoadedSpec;
    if (loaded.sha256 === lock.sha256) return loaded;
  }
  return undefined;
}

/**
 * The locked spec, from the cache or from a local snapshot matching the lock.
 * Throws `SpecLockError` when neither exists or the cache disagrees with the lock.
 */
export async function lockedSpec(): Promise<{ doc: OpenApiDocument; lock: SpecLock }> {
  const lock = readLock();
  if (!lock) throw new SpecLockError(`No ${lockPath}. ${HOW_TO_UPDATE}`);
  let cache = readCache();
  if (!cache) {
    const local = await findLocalMatch(lock);
    if (!local) {
      throw new SpecLockError(
        `No cached spec at ${cachePath} and no local snapshot with sha256 ${lock.sha256.slice(0, 16)}. ${HOW_TO_UPDATE}`,
      );
    }
    writeCache(local.text);
    cache = { text: local.text, sha256: local.sha256 };
  }
  if (cache.sha256 !== lock.sha256) {
    throw new SpecLockError(
      `The cached spec (sha256 ${cache.sha256.slice(0, 16)}) does not match openapi/openrouter.lock.json ` +
        `(sha256 ${lock.sha256.slice(0, 16)}). ${HOW_TO_UPDATE}`,
    );
  }
  return { doc: parseSpecText(cache.text, cachePath), lock };
}

export interface FetchResult {
  status: "unchanged" | "local-match" | "updated";
  lock: SpecLock;
  previous?: SpecLock;
  /** The document now in the cache. */
  doc: OpenApiDocument;
}

/**
 * `pnpm spec:fetch`: takes `from` (URL or path), or else a local snapshot matching the lock,
 * or else the lock's URL; writes the cache and the lock. `write: false` writes neither (the
 * caller writes `canonicalJson(doc)` and `lock` itself, e.g. `spec:update` once generation
 * has succeeded).
 */
export async function fetchSpec(
  options: { from?: string; timeoutMs?: number; fetch?: typeof fetch; write?: boolean } = {},
): Promise<FetchResult> {
  const write = options.write ?? true;
  const previous = readLock();
  if (!options.from && previous) {
    const local = await findLocalMatch(previous);
    if (local) {
      if (write) writeCache(local.text);
      return { status: "local-match", lock: previous, previous, doc: local.doc };
    }
  }
  const source =
    options.from ?? (previous && isUrl(previous.source) ? previous.source : defaultSource);
  const cache = readCache();
  const etag =
    isUrl(source) && previous?.source === source && cache?.sha256 === previous.sha256
      ? previous.etag
      : undefined;
  const loaded = await loadSpec(source, {
    etag,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });
  if ("notModified" in loaded) {
    return {
      status: "unchanged",
      lock: previous!,
      previous,
      doc: parseSpecText(cache!.text, cachePath),
    };
  }
  const lock = lockFor(loaded.doc, loaded.sha256, loaded.source, loaded.etag);
  if (write) {
    writeCache(loaded.text);
    writeLock(lock);
  }
  const status = previous?.sha256 === lock.sha256 ? "unchanged" : "updated";
  return { status, lock, previous, doc: loaded.doc };
}
