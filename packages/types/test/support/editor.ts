import { join } from "node:path";
import ts from "typescript";

const packages = join(import.meta.dirname, "..", "..", "..");

/**
 * Where a user's editor finds the packages: `@or/types` as built (its one declaration file),
 * `@or/fetch` from its public entry (its sources: the types test must not wait on fetch's build).
 */
const ENTRIES = new Map([
  ["@or/types", join(packages, "types", "dist", "index.d.cts")],
  ["@or/fetch", join(packages, "fetch", "src", "index.ts")],
]);

/** What `tsc --init` and a bundler app set. */
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
};

export interface Editor {
  /** The hover text over the first `marker` in the consumer (after the first `after`, if given). */
  hover(marker: string, after?: string): string;
  /** The consumer's type errors, messages flattened. */
  errors(): string[];
}

/** A TypeScript language service over one in-memory consumer file, as an editor runs it. */
export function openEditor(source: string): Editor {
  const file = join(packages, "types", "test", "__consumer.ts");
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => OPTIONS,
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = name === file ? source : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => packages,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    resolveModuleNameLiterals: (literals, containingFile, _ref, options) =>
      literals.map(({ text }) => {
        const entry = containingFile === file ? ENTRIES.get(text) : undefined;
        if (entry)
          return { resolvedModule: { resolvedFileName: entry, extension: extensionOf(entry) } };
        return ts.resolveModuleName(text, containingFile, options, ts.sys);
      }),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    hover(marker, after = "") {
      const at = source.indexOf(marker, source.indexOf(after));
      if (at < 0 || source.indexOf(after) < 0) throw new Error(`${marker} is not in the consumer`);
      const info = service.getQuickInfoAtPosition(file, at);
      return ts.displayPartsToString(info?.displayParts);
    },
    errors() {
      return service
        .getSemanticDiagnostics(file)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  };
}

function extensionOf(path: string): ts.Extension {
  return path.endsWith(".d.cts") ? ts.Extension.Dcts : ts.Extension.Ts;
}
