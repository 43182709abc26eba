import { PACKAGES, type Change, type SpecDiff } from "./types.ts";

/** Rules with a section of their own in the summary, left out of the change lists. */
const LISTED_APART = new Set([
  "operation-added",
  "operation-removed",
  "schema-added",
  "schema-removed",
  "schema-renamed",
]);

export interface MarkdownOptions {
  /** Longest change list shown before "… and N more" (default: all). */
  maxItems?: number;
  /** Heading level of the title (default 2). */
  level?: number;
}

/**
 * The readable summary of a diff: bumps, operations and schemas added/removed/renamed, then
 * breaking and non-breaking changes.
 *
 * @example
 * console.log(renderMarkdown(diffSpecs(before, after), { maxItems: 50 }));
 */
export function renderMarkdown(diff: SpecDiff, options: MarkdownOptions = {}): string {
  const h = "#".repeat(options.level ?? 2);
  const { from, to } = diff;
  const out: string[] = [
    `${h} OpenRouter spec: ${from.operations} → ${to.operations} operations, ${from.schemas} → ${to.schemas} schemas`,
    "",
    `From \`${from.source}\` (sha256 ${from.sha256.slice(0, 16)}) to \`${to.source}\` (sha256 ${to.sha256.slice(0, 16)}).`,
    "",
  ];
  if (diff.identical) return [...out, "The documents are identical.", ""].join("\n");
  const breaking = diff.breaking.filter((c) => !LISTED_APART.has(c.rule));
  const nonBreaking = diff.nonBreaking.filter((c) => !LISTED_APART.has(c.rule));
  out.push(
    "| package | bump |",
    "| --- | --- |",
    ...PACKAGES.map((p) => `| \`${p}\` | ${diff.bump[p]} |`),
    "",
    `${diff.operationsAdded.length} operations added, ${diff.operationsRemoved.length} removed; ` +
      `${diff.schemasAdded.length} schemas added, ${diff.schemasRemoved.length} removed, ` +
      `${diff.schemasRenamed.length} renamed; ${diff.breaking.length} breaking changes, ` +
      `${diff.nonBreaking.length} non-breaking (counts include operations and schemas).`,
    "",
  );
  if (diff.breaking.length + diff.nonBreaking.length === 0) {
    out.push("No change to types: only documentation (descriptions, examples) differs.", "");
  }
  const sub = `${h}#`;
  const operations = (list: SpecDiff["operationsAdded"]) =>
    list.length === 0
      ? ["None."]
      : list.map((o) => `- \`${o.method} ${o.path}\` (\`${o.operationId}\`)`);
  out.push(`${sub} Operations added (${diff.operationsAdded.length})`, "");
  out.push(...operations(diff.operationsAdded), "");
  out.push(`${sub} Operations removed (${diff.operationsRemoved.length})`, "");
  out.push(...operations(diff.operationsRemoved), "");
  out.push(`${sub} Schemas (exported types)`, "");
  out.push(`- Added (${diff.schemasAdded.length}): ${names(diff.schemasAdded)}`);
  out.push(`- Removed (${diff.schemasRemoved.length}): ${names(diff.schemasRemoved)}`);
  const renames = diff.schemasRenamed.map(
    (r) =>
      `\`${r.from}\` → \`${r.to}\` (${r.evidence === "structure" ? "same shape" : "same references"})`,
  );
  out.push(`- Renamed (${renames.length}): ${renames.length ? renames.join(", ") : "none"}`, "");
  out.push(`${sub} Breaking changes (${breaking.length})`, "");
  out.push(...changeList(breaking, options.maxItems), "");
  out.push(`${sub} Non-breaking changes (${nonBreaking.length})`, "");
  out.push(...changeList(nonBreaking, options.maxItems), "");
  return out.join("\n");
}

const names = (list: string[]) => (list.length ? list.map((n) => `\`${n}\``).join(", ") : "none");

function changeList(changes: Change[], max = Infinity): string[] {
  if (changes.length === 0) return ["None."];
  const lines = changes.slice(0, max).map((c) => {
    const side = c.side ? ` (${c.side})` : "";
    return `- \`${c.location}\`${side}: ${c.message} — \`${c.rule}\`${reach(c.operations)}`;
  });
  if (changes.length > max) {
    lines.push(
      `- … and ${changes.length - max} more: \`pnpm spec:diff <old> <new>\` lists them all.`,
    );
  }
  return lines;
}

function reach(operations: string[]): string {
  if (operations.length === 0) return ", no operation (exported type only)";
  if (operations.length <= 2) return `, ${operations.map((o) => `\`${o}\``).join(", ")}`;
  return `, ${operations.length} operations`;
}
