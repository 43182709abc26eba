import { performance } from "node:perf_hooks";
import { diffSpecs } from "../diff/diff-specs.ts";
import { diffInputFrom, lockedDiffInput } from "../diff/inputs.ts";
import { renderMarkdown } from "../diff/markdown.ts";
import { parseFlags, UsageError } from "./flags.ts";

/**
 * `or-spec diff [<old>] <new> [--json] [--fail-on-breaking]`: compares two documents (paths or
 * URLs; with one, the locked spec is the old one). Markdown on stdout, or the JSON of `SpecDiff`
 * with `--json`; the time taken goes to stderr.
 */
export async function runDiff(args: string[]): Promise<number> {
  const flags = parseFlags(args, {
    json: { type: "boolean" },
    "fail-on-breaking": { type: "boolean" },
  });
  const { positionals } = flags;
  const values = flags.values as { json?: boolean; "fail-on-breaking"?: boolean };
  if (positionals.length < 1 || positionals.length > 2) {
    throw new UsageError("spec:diff takes <old> <new>, or <new> to compare with the locked spec.");
  }
  const started = performance.now();
  const [before, after] = await Promise.all(
    positionals.length === 2
      ? [diffInputFrom(positionals[0]!), diffInputFrom(positionals[1]!)]
      : [lockedDiffInput(), diffInputFrom(positionals[0]!)],
  );
  const loaded = performance.now();
  const diff = diffSpecs(before, after);
  const done = performance.now();
  process.stdout.write(values.json ? JSON.stringify(diff, null, 2) + "\n" : renderMarkdown(diff));
  process.stderr.write(
    `Diffed in ${Math.round(done - loaded)} ms (documents loaded in ${Math.round(loaded - started)} ms).\n`,
  );
  return values["fail-on-breaking"] && diff.breaking.length > 0 ? 2 : 0;
}
