import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const TEMP_SUFFIX = ".or-spec-tmp";

/**
 * Writes every file or none: each is first written beside its target, then all are renamed
 * into place; if anything fails, the files already replaced get their old content back (or are
 * removed if they did not exist) and the error is rethrown.
 */
export function applyFiles(files: Map<string, string>): void {
  const previous = new Map<string, string | undefined>();
  for (const path of files.keys()) {
    previous.set(path, existsSync(path) ? readFileSync(path, "utf8") : undefined);
  }
  const replaced: string[] = [];
  try {
    for (const [path, text] of files) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path + TEMP_SUFFIX, text);
    }
    for (const path of files.keys()) {
      renameSync(path + TEMP_SUFFIX, path);
      replaced.push(path);
    }
  } catch (error) {
    for (const path of replaced) {
      const old = previous.get(path);
      if (old === undefined) rmSync(path, { force: true });
      else writeFileSync(path, old);
    }
    for (const path of files.keys()) rmSync(path + TEMP_SUFFIX, { force: true, recursive: true });
    throw error;
  }
}
