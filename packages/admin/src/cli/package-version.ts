import { readFileSync } from "node:fs";

/**
 * This package's version, read at run time from its `package.json`: two folders up from the
 * module, which is `src/cli/` in the repository and `dist/cli/` once built or installed from npm.
 */
export function packageVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  const { version } = JSON.parse(readFileSync(url, "utf8")) as { version?: unknown };
  return typeof version === "string" ? version : "unknown";
}
