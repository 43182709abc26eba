// The link check of the generated API reference (`pnpm docs:check`): every relative link or
// image of every HTML page leads to a file of the output, and its #fragment to an id there.
// typedoc's own validation checks the links it knows of (comments, README paths); this checks
// what it wrote.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** `href`/`src` values of a generated page (typedoc writes them double-quoted). */
function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
}

/** The ids (and names) a page or SVG defines: what a #fragment may point at. */
function idsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]!));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"');

/**
 * Broken links of a typedoc output folder, as `page: link (why)`; empty when all lead somewhere.
 * Absolute URLs (`https:`, `mailto:` …) are not followed.
 * @example
 * const problems = await docsLinkProblems(".docs");
 */
export async function docsLinkProblems(dir: string): Promise<string[]> {
  const root = resolve(dir);
  const files = new Set(await filesUnder(root));
  const ids = new Map<string, Set<string>>();
  const idsIn = async (file: string) => {
    if (!ids.has(file)) ids.set(file, idsOf(await readFile(file, "utf8")));
    return ids.get(file)!;
  };
  const problems: string[] = [];
  for (const page of [...files].filter((f) => f.endsWith(".html")).sort()) {
    for (const raw of linksOf(await readFile(page, "utf8"))) {
      const link = decode(raw);
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("//")) continue;
      const [path = "", fragment] = link.split("#", 2) as [string, string | undefined];
      const target = path === "" ? page : resolve(dirname(page), decodeURI(path.split("?")[0]!));
      const where = `${relative(root, page)}: ${link}`;
      if (!files.has(target)) problems.push(`${where} (no such file)`);
      else if (fragment && !(await idsIn(target)).has(decodeURIComponent(fragment)))
        problems.push(`${where} (no id "${fragment}" in ${relative(root, target)})`);
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? ".docs";
  const problems = await docsLinkProblems(dir);
  for (const problem of problems) console.error(problem);
  console.log(
    problems.length === 0
      ? `${dir}: every relative link leads to a file and an id.`
      : `${dir}: ${problems.length} broken links.`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
}
