import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * This package's folder: the nearest one above this module that holds a `package.json`. The same
 * folder whether the code runs from `src/`, `dist/` or a bundled `dist/cli/` entry.
 */
export function packageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const parent = dirname(dir);
    if (existsSync(join(parent, "package.json"))) return parent;
    dir = parent;
  }
  return fileURLToPath(new URL("..", import.meta.url));
}
