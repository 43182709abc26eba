import ts from "typescript";

const TAG = /^@[a-z]+/;
const CONTINUATION = "    ";

/** One JSDoc entry as openapi-typescript writes it: a first line and its continuation lines. */
interface Entry {
  lines: string[];
}

/** The comment's body lines, without the `*` prefixes (openapi-typescript's two layouts). */
function bodyLines(text: string): string[] {
  if (!text.startsWith("*\n")) return [text.slice(1).trim()];
  return text
    .slice(2)
    .split("\n")
    .map((line) => line.replace(/^ \* ?/, ""))
    .filter((line, i, all) => i < all.length - 1 || line.trim() !== "");
}

// openapi-typescript joins entries with "\n * " and indents an entry's further lines by four
// spaces; a blank line only ever sits inside an entry.
function entries(lines: string[]): Entry[] {
  const out: Entry[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last && (line.startsWith(CONTINUATION) || line === "")) last.lines.push(line);
    else out.push({ lines: [line] });
  }
  return out;
}

/** Prose loses the four-space indent: Markdown would show it as code. */
const prose = (lines: string[]) =>
  lines.map((line) => (line.startsWith(CONTINUATION) ? line.slice(CONTINUATION.length) : line));

/**
 * Rewrites one of openapi-typescript's JSDoc comments so that what a field means comes first:
 * the title, summary and `@description` become the comment's text (editors show it first),
 * and `Format: double` follows as its own paragraph, before the tags (an unknown `@format` tag
 * would fail typedoc).
 * A comment with neither a description nor a format is returned as it is.
 */
export function descriptionFirst(text: string): string {
  if (!text.startsWith("*")) return text;
  const all = entries(bodyLines(text));
  if (!all.some(({ lines: [first = ""] }) => /^(@description|Format:) /.test(first))) return text;
  const texts: string[][] = [];
  const formats: string[][] = [];
  const tags: string[][] = [];
  for (const { lines } of all) {
    const [first = "", ...rest] = lines;
    if (first.startsWith("@description ")) texts.push(prose([first.slice(13), ...rest]));
    else if (first.startsWith("Format: ")) formats.push([first]);
    else if (TAG.test(first)) tags.push(lines);
    else texts.push(prose(lines));
  }
  const paragraphs = [...texts, ...formats].flatMap((p, i) => (i === 0 ? p : ["", ...p]));
  const body = [...paragraphs, ...(paragraphs.length && tags.length ? [""] : []), ...tags.flat()];
  if (body.length === 1) return `* ${body[0]} `;
  return `*\n${body.map((line) => ` * ${line}`.trimEnd()).join("\n")}\n `;
}

/**
 * Applies {@link descriptionFirst} to every JSDoc comment in a generated AST, in place, once per
 * node (openapi-typescript shares some nodes).
 */
export function rewriteDocComments(nodes: readonly ts.Node[]): void {
  const seen = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const comments = ts.getSyntheticLeadingComments(node);
    if (comments?.length) {
      ts.setSyntheticLeadingComments(
        node,
        comments.map((c) =>
          c.kind === ts.SyntaxKind.MultiLineCommentTrivia
            ? { ...c, text: descriptionFirst(c.text) }
            : c,
        ),
      );
    }
    ts.forEachChild(node, visit);
  };
  nodes.forEach(visit);
}
