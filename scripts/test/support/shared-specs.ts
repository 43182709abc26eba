import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { SpecDocument } from "../../../openapi/overlays/index.ts";

/**
 * The project's spec snapshots (never copied into the repository): `../shared/openapi` beside the
 * repository root, as on development machines and in CI.
 */
export const sharedSpecDir = resolve(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "..",
  "shared",
  "openapi",
);
export const currentSpecPath = join(sharedSpecDir, "openrouter.json");

/** A history snapshot by file name, e.g. `2026-06-26T2342Z-e629c96f6.json`. */
export const historySpecPath = (name: string) => join(sharedSpecDir, "history", name);

export const HISTORY = [
  "2025-10-30T1535Z-56b3c47cb.json",
  "2026-06-12T0050Z-11ebd13fb.json",
  "2026-06-26T2342Z-e629c96f6.json",
  "2026-07-25T0052Z-05ea157b9.json",
  "2026-08-08T0409Z-7ea386221.json",
  "2026-08-21T0607Z-7344986f4.json",
  "2026-08-21T2001Z-370645994.json",
  "2026-08-21T2340Z-6d9eee62e.json",
] as const;

const cache = new Map<string, string>();

/** A fresh parsed copy of a snapshot (tests mutate what they get). */
export function readSpec(path: string = currentSpecPath): SpecDocument {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, "utf8");
    cache.set(path, text);
  }
  return JSON.parse(text) as SpecDocument;
}
