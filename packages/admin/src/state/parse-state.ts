import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { checkState, type Locate } from "./check-state";
import type { DesiredState } from "./desired-state";
import { requireVersion } from "./require-version";
import { StateError } from "./state-error";
import type { PathSegment } from "./state-path";

/**
 * Reads a desired state from YAML or JSON text (JSON is read as the YAML it also is, so both
 * report positions the same way) and checks it. Throws a `StateError` whose issues carry
 * `line:column`, before anything is sent anywhere. With `requireVersion` (as `loadStateFile`
 * reads files), text without the format's `version` field is refused too.
 * @example
 * const state = parseState(await readFile("state.yaml", "utf8"), { file: "state.yaml" });
 */
export function parseState(
  text: string,
  options: { file?: string; requireVersion?: boolean } = {},
): DesiredState {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const position = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const { line, col } = error.linePos?.[0] ?? position(error.pos[0]);
      // The message repeats the position and quotes the source; keep its first sentence.
      const message = (error.message.split("\n")[0] ?? "").replace(
        / at line \d+, column \d+:?$/,
        "",
      );
      return { path: "", message: `syntax error: ${message}`, line, column: col };
    });
    throw new StateError(
      issues.sort((a, b) => a.line - b.line || a.column - b.column),
      options.file,
    );
  }
  const read: unknown = doc.toJS({ maxAliasCount: 1000 });
  const check = () => checkState(read ?? {}, locator(doc, position), options.file);
  return options.requireVersion ? requireVersion(read, check, options.file) : check();
}

/**
 * Reads and checks a state file (`.yaml`, `.yml` or `.json`). A file must carry the format's
 * `version` field: an empty file is an error, not an empty state.
 */
export async function loadStateFile(path: string): Promise<DesiredState> {
  return parseState(await readFile(path, "utf8"), { file: path, requireVersion: true });
}

function locator(
  doc: Document,
  position: (offset: number) => { line: number; col: number },
): Locate {
  return (path, part) => {
    const found = nodeAt(doc.contents as Node | null, path, part);
    if (!found?.range) return undefined;
    const { line, col } = position(found.range[0]);
    return { line, column: col };
  };
}

/** The node at `path`, or the field's key node for `"key"`; else the deepest node on the way. */
function nodeAt(root: Node | null, path: PathSegment[], part: "key" | "value"): Node | undefined {
  let node: Node | undefined = root ?? undefined;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return node;
      if (last && part === "key") return pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}
