import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root: scripts/ sits directly below it. `OR_REPO_ROOT` points the pipeline at
 * another tree (tests run it against temporary copies).
 */
export const repoRoot = resolve(
  process.env.OR_REPO_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), "../.."),
);

export const openapiDir = join(repoRoot, "openapi");
export const lockPath = join(openapiDir, "openrouter.lock.json");
/** Gitignored: the fetched upstream document, canonical JSON. */
export const cachePath = join(openapiDir, ".cache", "openrouter.json");
export const overlaysDir = join(openapiDir, "overlays");
export const generatedDir = join(repoRoot, "packages", "types", "src", "generated");

/** Where upstream publishes the spec. */
export const defaultSource = "https://openrouter.ai/openapi.json";

/**
 * Local snapshots that may stand in for the URL when their sha256 matches the lock
 * (the workspace's `../shared` in this project's development and CI machines).
 */
export const localCandidates = [
  process.env.OR_SPEC_PATH,
  join(repoRoot, "..", "shared", "openapi", "openrouter.json"),
].filter((p): p is string => typeof p === "string" && p.length > 0);
