import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeChangeset } from "../changeset.ts";
import { diffSpecs, type DiffInput } from "../diff/diff-specs.ts";
import { lockedDiffInput } from "../diff/inputs.ts";
import { renderMarkdown } from "../diff/markdown.ts";
import { PACKAGES, type Bump, type PackageName, type SpecDiff } from "../diff/types.ts";
import { generateTypes } from "../generate.ts";
import { readLock, type SpecLock } from "../lock.ts";
import { cachePath, defaultSource, generatedDir, lockPath, repoRoot } from "../paths.ts";
import { fetchSpec, SpecLockError } from "../spec-cache.ts";
import { canonicalJson } from "../spec-document.ts";
import { isUrl } from "../spec-source.ts";
import { applyFiles } from "./apply-files.ts";
import { defaultChecks, type Check, type CheckResult } from "./checks.ts";

/** Raised when the update cannot go on; nothing has been written when it is. */
export class UpdateError extends Error {
  override name = "UpdateError";
}

export interface UpdateOptions {
  /** URL or path of the new spec (default: the lock's URL, else the upstream URL). */
  from?: string;
  timeoutMs?: number;
  /** Run after regenerating (default: typecheck, contract tests); `[]` skips them. */
  checks?: Check[];
  /** Accept a missing locked spec (fresh CI cache): bump every package major, say so. */
  baseOptional?: boolean;
  /** The generator; tests swap in one that fails. */
  generate?: typeof generateTypes;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface UpdateResult {
  status: "unchanged" | "updated";
  lock: SpecLock;
  previous: SpecLock;
  /** Absent when unchanged, or when the locked spec was not available (`baseOptional`). */
  diff?: SpecDiff;
  bump?: Record<PackageName, Bump>;
  changesetPath?: string;
  checks: CheckResult[];
  /** No check failed. */
  ok: boolean;
  /** Markdown: the summary and the checks, e.g. for a pull request body. */
  report: string;
}

/**
 * `pnpm spec:update`: fetch; if unchanged, stop. Else diff against the locked spec, generate the
 * types in memory, then write cache, generated files and lock together (all or nothing), run the
 * checks, and write `.changeset/spec-update-<sha>.md` whatever they say, so a human can review.
 *
 * @example
 * const result = await updateSpec({ from: "../shared/openapi/openrouter.json", checks: [] });
 * result.bump?.["@or/types"]; // "minor"
 */
export async function updateSpec(options: UpdateOptions = {}): Promise<UpdateResult> {
  const log = options.log ?? (() => {});
  const previous = readLock();
  if (!previous) throw new UpdateError(`No ${lockPath}: run \`pnpm spec:fetch\` first.`);
  const source = options.from ?? (isUrl(previous.source) ? previous.source : defaultSource);
  const fetched = await fetchSpec({
    from: source,
    write: false,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });
  const { lock } = fetched;
  if (fetched.status === "unchanged" || lock.sha256 === previous.sha256) {
    const report = `Spec unchanged at ${source} (sha256 ${previous.sha256.slice(0, 16)}).`;
    log(report);
    // A fresh checkout (CI) has no cached spec: this one is the locked one, keep it for next time.
    if (!existsSync(cachePath) && lock.sha256 === previous.sha256) {
      applyFiles(new Map([[cachePath, canonicalJson(fetched.doc)]]));
    }
    return { status: "unchanged", lock: previous, previous, checks: [], ok: true, report };
  }

  const before = await baseSpec(options.baseOptional ?? false, log);
  const after: DiffInput = { doc: fetched.doc, source: lock.source, sha256: lock.sha256 };
  const diff = before ? diffSpecs(before, after) : undefined;
  const bump = diff?.bump ?? allMajor();
  const summary = diff
    ? renderMarkdown(diff, { level: 3, maxItems: 40 })
    : `The locked spec (sha256 ${previous.sha256.slice(0, 16)}) was not available to compare with, ` +
      "so every package is bumped major. Review the change by hand.\n";
  log(headline(previous, lock, diff));

  const generate = options.generate ?? generateTypes;
  let files: Record<string, string>;
  try {
    ({ files } = await generate(fetched.doc, lock.sha256));
  } catch (error) {
    throw new UpdateError(
      `Generating types from the new spec failed; nothing was written: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const writes = new Map<string, string>([[cachePath, canonicalJson(fetched.doc)]]);
  for (const [name, text] of Object.entries(files)) writes.set(join(generatedDir, name), text);
  writes.set(lockPath, JSON.stringify(lock, null, 2) + "\n");
  applyFiles(writes);
  log(`Wrote the cached spec, ${Object.keys(files).length} generated files and the lock.`);

  const checks: CheckResult[] = [];
  for (const check of options.checks ?? defaultChecks()) {
    const result = await runCheck(check);
    log(
      `${result.status === "failed" ? "✗" : result.status === "passed" ? "✓" : "-"} ${result.summary}`,
    );
    for (const line of result.failures) log(`    ${line}`);
    checks.push(result);
  }
  const ok = checks.every((c) => c.status !== "failed");
  const changesetPath = writeChangeset(
    join(repoRoot, ".changeset"),
    `spec-update-${lock.sha256.slice(0, 12)}`,
    bump,
    `${headline(previous, lock, diff)}\n\n${summary}`,
  );
  log(`Changeset: ${changesetPath}${ok ? "" : " (checks failed: review before merging)"}`);
  const report = [`## ${headline(previous, lock, diff)}`, "", summary, checksMarkdown(checks)].join(
    "\n",
  );
  return { status: "updated", lock, previous, diff, bump, changesetPath, checks, ok, report };
}

async function baseSpec(optional: boolean, log: (line: string) => void) {
  try {
    return await lockedDiffInput();
  } catch (error) {
    if (!optional || !(error instanceof SpecLockError)) throw error;
    log(`The locked spec is not available (${error.message}); bumping every package major.`);
    return undefined;
  }
}

const allMajor = () =>
  Object.fromEntries(PACKAGES.map((p) => [p, "major"])) as Record<PackageName, Bump>;

function headline(previous: SpecLock, lock: SpecLock, diff: SpecDiff | undefined): string {
  const counts = diff
    ? `: ${diff.operationsAdded.length} operations added, ${diff.operationsRemoved.length} removed, ` +
      `${diff.breaking.length} breaking changes`
    : "";
  return (
    `OpenRouter spec updated to sha256 ${lock.sha256.slice(0, 12)} ` +
    `(was ${previous.sha256.slice(0, 12)})${counts}`
  );
}

async function runCheck(check: Check): Promise<CheckResult> {
  try {
    return await check(repoRoot);
  } catch (error) {
    const summary = `a check could not run: ${(error as Error).message}`;
    return { name: "check", status: "failed", summary, failures: [] };
  }
}

function checksMarkdown(checks: CheckResult[]): string {
  if (checks.length === 0) return "### Checks\n\nSkipped (`--skip-checks`).\n";
  const lines = ["### Checks", ""];
  for (const check of checks) {
    lines.push(`- **${check.name}**: ${check.summary}`);
    for (const failure of check.failures) lines.push(`  - ${failure}`);
  }
  const broken = checks.flatMap((c) => c.brokenFixtures ?? []);
  if (broken.length > 0) {
    lines.push("", `Broken fixtures: ${broken.map((f) => `\`${f}\``).join(", ")}`);
  }
  return lines.join("\n") + "\n";
}
