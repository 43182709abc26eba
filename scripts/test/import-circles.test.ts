import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

/** file → the files it imports by relative path (static, dynamic and type-only imports alike). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      const targets = importedFiles
        .map((i) => i.fileName)
        .filter((name) => name.startsWith("."))
        .map((name) => resolve(dirname(file), name))
        .filter((target) => known.has(target));
      return [file, targets];
    }),
  );
}

/** Each import circle once, as the files along it (depth-first, from the first file in it). */
function importCircles(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    const at = stack.indexOf(file);
    if (at >= 0) return void circles.push(stack.slice(at));
    if (done.has(file)) return;
    stack.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return circles;
}

describe("import circles", () => {
  test("the finder sees a circle through a dynamic and a type-only import", () => {
    const graph = new Map([
      ["main.ts", ["util.ts"]],
      ["util.ts", ["cmd.ts"]],
      ["cmd.ts", ["main.ts"]],
      ["leaf.ts", []],
    ]);
    expect(importCircles(graph)).toEqual([["main.ts", "util.ts", "cmd.ts"]]);
    const text = 'import type { A } from "./a.ts";\nconst b = () => import("./b.ts");\n';
    expect(ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName)).toEqual([
      "./a.ts",
      "./b.ts",
    ]);
  });

  test("scripts/src has none", () => {
    const root = join(import.meta.dirname, "..", "src");
    const circles = importCircles(importGraph(sources(root)));
    expect(circles.map((c) => c.map((f) => f.slice(root.length + 1)).join(" → "))).toEqual([]);
  });
});
