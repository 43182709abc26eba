import { dirname, join } from "node:path";
import ts from "typescript";

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  skipLibCheck: true,
};

// The default libraries are parsed once per test file, not once per check.
const libFiles = new Map<string, ts.SourceFile | undefined>();
const root = join(import.meta.dirname, "__virtual__");

/**
 * Type-checks in-memory files (`{"openapi.ts": ..., "use.ts": ...}`, importing each other by
 * relative path) and returns the diagnostics as text: empty when everything compiles.
 */
export function typeErrors(files: Record<string, string>): string[] {
  const paths = new Map(Object.entries(files).map(([name, text]) => [join(root, name), text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.fileExists = (name) => paths.has(name) || fileExists(name);
  host.directoryExists = (name) => name === root || (directoryExists?.(name) ?? true);
  host.readFile = (name) => paths.get(name) ?? readFile(name);
  host.getSourceFile = (name, version) => {
    const text = paths.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, version, true);
    if (!libFiles.has(name)) libFiles.set(name, getSourceFile(name, version));
    return libFiles.get(name);
  };
  host.getDefaultLibLocation = () => dirname(ts.getDefaultLibFilePath(options));
  const program = ts.createProgram([...paths.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(root.length + 1)}: ` : "";
    return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
  });
}
