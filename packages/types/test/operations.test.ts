import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const spec = JSON.parse(readFileSync(join(root, "openapi", ".cache", "openrouter.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(root, "openapi", "openrouter.lock.json"), "utf8"));
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function specOperations(): { path: string; method: string; id: string }[] {
  return Object.entries<Record<string, { operationId: string }>>(spec.paths).flatMap(
    ([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({
        path,
        method,
        id: item[method]!.operationId,
      })),
  );
}

/** Type-checks a source file against the built package's declarations. */
function typeErrors(source: string): string[] {
  const file = join(import.meta.dirname, "__operations_check.ts");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile;
  host.readFile = (name) => (name === file ? source : read(name));
  host.fileExists = (
    (exists) => (name: string) =>
      name === file || exists(name)
  )(host.fileExists);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("paths", () => {
  test("the spec has the operation count the lock records", () => {
    expect(specOperations()).toHaveLength(lock.operations);
    expect(lock.operations).toBe(97);
  });

  test("every operation of the spec is present in `paths` with its operation id", () => {
    const ops = specOperations();
    const lines = ops.map(
      ({ path, method, id }, i) =>
        `const op${i}: Present<paths[${JSON.stringify(path)}][${JSON.stringify(method)}], operations[${JSON.stringify(id)}]> = true;`,
    );
    const source = [
      `import type { operations, paths } from "../dist/index.cjs";`,
      `type Present<A, B> = [A] extends [never] ? false : [A] extends [B] ? ([B] extends [A] ? true : false) : false;`,
      ...lines,
    ].join("\n");
    expect(typeErrors(source)).toEqual([]);
    // The check itself can fail: a missing operation is reported.
    const broken = source.replace(
      `paths["/chat/completions"]["post"]`,
      `paths["/chat/completions"]["get"]`,
    );
    expect(typeErrors(broken).length).toBeGreaterThan(0);
  });
});
