import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGES, type Bump, type PackageName } from "./diff/types.ts";

/**
 * A changeset file (`.changeset/<name>.md`): front matter with the bump of each package that
 * moves, then the summary that becomes the changelog entry. Packages whose bump is `none` are
 * left out (changesets bumps dependents by itself when a dependency's range breaks).
 *
 * @example
 * changesetText({ "@or/types": "minor", "@or/fetch": "none", ... }, "Spec update: …");
 * // '---\n"@or/types": minor\n---\n\nSpec update: …\n'
 */
export function changesetText(bumps: Record<PackageName, Bump>, summary: string): string {
  const moved = PACKAGES.filter((p) => bumps[p] !== "none");
  if (moved.length === 0) throw new Error("A changeset needs at least one package to bump.");
  const front = moved.map((p) => `"${p}": ${bumps[p]}`);
  return ["---", ...front, "---", "", summary.trim(), ""].join("\n");
}

/** Writes `<dir>/<name>.md` and returns its path. */
export function writeChangeset(
  dir: string,
  name: string,
  bumps: Record<PackageName, Bump>,
  summary: string,
): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new Error(`Changeset name "${name}": use lowercase letters, digits and dashes.`);
  }
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.md`);
  writeFileSync(path, changesetText(bumps, summary));
  return path;
}
