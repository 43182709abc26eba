import { fileURLToPath } from "node:url";

/** The `bench/` directory: children run here so that they resolve our packages and the peers. */
export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
/** The repository root. */
export const REPO_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** Compiled helpers for child processes: inside node_modules (ignored by git and prettier), and
 * still under `bench/` so that they resolve the same packages. */
export const OUT_DIR = fileURLToPath(new URL("../node_modules/.cache/or-bench/", import.meta.url));
