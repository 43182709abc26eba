import { lockedSpec } from "../spec-cache.ts";
import { loadSpec, type LoadedSpec } from "../spec-source.ts";
import type { DiffInput } from "./diff-specs.ts";

/** A document to diff, from a path or URL (JSON or YAML). */
export async function diffInputFrom(source: string): Promise<DiffInput> {
  // Without an ETag there is no 304: `loadSpec` always yields the document.
  const { doc, source: recorded, sha256 } = (await loadSpec(source)) as LoadedSpec;
  return { doc, source: recorded, sha256 };
}

/** The locked spec (cache or matching local snapshot), to diff a new document against. */
export async function lockedDiffInput(): Promise<DiffInput> {
  const { doc, lock } = await lockedSpec();
  return { doc, source: `lock (${lock.source})`, sha256: lock.sha256 };
}
