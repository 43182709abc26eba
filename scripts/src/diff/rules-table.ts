import { pathToFileURL } from "node:url";
import { RULES } from "./rules.ts";

/**
 * The classification rules as a Markdown table, for `scripts/README.md` (a test checks that the
 * README holds exactly this). Print it with `pnpm exec tsx src/diff/rules-table.ts` in scripts/.
 */
export function rulesTable(): string {
  const rows = Object.entries(RULES).map(
    ([id, rule]) =>
      `| \`${id}\` | ${rule.change} | ${rule.level === "major" ? "**major** (breaking)" : rule.level} | ${rule.why} |`,
  );
  return ["| rule | change | bump | why |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(rulesTable());
}
