// The update pipeline in process, with its checks and generator swapped for test doubles, against
// a temporary tree. `OR_REPO_ROOT` is read when `src/paths.ts` loads, so every module that reaches
// it is imported dynamically, after the variable is set, and the root is checked before any test.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import type { Check } from "../src/update/checks.ts";
import { syntheticSpec } from "./fixtures/diff/synthetic-spec.ts";

const root = mkdtempSync(join(tmpdir(), "or-spec-pipeline-"));
const specs = mkdtempSync(join(tmpdir(), "or-spec-pipeline-specs-"));
const previousRoot = process.env.OR_REPO_ROOT;
process.env.OR_REPO_ROOT = root;
const { repoRoot } = await import("../src/paths.ts");
// Never let this file write to the real checkout.
if (repoRoot !== root) throw new Error(`paths.ts loaded before OR_REPO_ROOT was set: ${repoRoot}`);
const { updateSpec, UpdateError } = await import("../src/update/pipeline.ts");
const { layTree, snapshotTree, treePaths, writeSpec } = await import(
  "./fixtures/diff/temp-tree.ts"
);
afterAll(() => {
  if (previousRoot === undefined) delete process.env.OR_REPO_ROOT;
  else process.env.OR_REPO_ROOT = previousRoot;
  rmSync(root, { recursive: true, force: true });
  rmSync(specs, { recursive: true, force: true });
});

/** Breaking on purpose: `Widget.label` goes away, so a recorded fixture with it would break. */
function nextSpec() {
  const spec = syntheticSpec();
  delete spec.components.schemas.Widget.properties.label;
  return spec;
}

const passing: Check = async () => ({
  name: "typecheck",
  status: "passed",
  summary: "typecheck passed",
  failures: [],
});
const brokenFixtures: Check = async (at) => ({
  name: "contract tests",
  status: "failed",
  summary: `contract tests failed in ${at}: 1 of 3 tests, 1 fixtures broke`,
  failures: [
    "every fixture against the spec getWidget/plain [getWidget/plain]: expected [] to equal …",
  ],
  brokenFixtures: ["getWidget/plain"],
});

beforeEach(() => {
  layTree(root, syntheticSpec());
  mkdirSync(specs, { recursive: true });
});

describe("updateSpec", () => {
  test("checks that fail: the update stays, the changeset is written, the broken fixtures named", async () => {
    const lines: string[] = [];
    const from = writeSpec(specs, "next.json", nextSpec());
    const result = await updateSpec({
      from,
      checks: [passing, brokenFixtures],
      log: (l) => lines.push(l),
    });
    expect(result.status).toBe("updated");
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => c.status)).toEqual(["passed", "failed"]);
    expect(result.bump).toEqual({
      "@or/types": "major",
      "@or/fetch": "major",
      "@or/stream": "none",
      "@or/admin": "none",
    });
    const changeset = readFileSync(result.changesetPath!, "utf8");
    expect(changeset).toMatch(/^---\n"@or\/types": major\n"@or\/fetch": major\n---\n/);
    expect(changeset).toContain("`Widget.label` (response): property removed");
    expect(result.report).toContain("- **contract tests**: contract tests failed in " + root);
    expect(result.report).toContain("Broken fixtures: `getWidget/plain`");
    expect(lines).toContain(
      "✗ contract tests failed in " + root + ": 1 of 3 tests, 1 fixtures broke",
    );
    expect(lines.at(-1)).toBe(
      `Changeset: ${result.changesetPath} (checks failed: review before merging)`,
    );
    const lock = JSON.parse(readFileSync(treePaths(root).lock, "utf8"));
    expect(lock.sha256).toBe(result.lock.sha256);
  });

  test("a check that cannot run counts as failed", async () => {
    const from = writeSpec(specs, "next.json", nextSpec());
    const crashing: Check = async () => {
      throw new Error("pnpm not found");
    };
    const result = await updateSpec({ from, checks: [crashing] });
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({
      status: "failed",
      summary: "a check could not run: pnpm not found",
    });
    expect(readFileSync(result.changesetPath!, "utf8")).toContain('"@or/types": major');
  });

  test("a generator that fails leaves every file as it was", async () => {
    const before = snapshotTree(root);
    const from = writeSpec(specs, "next.json", nextSpec());
    const failing = async () => {
      throw new Error("generator exploded");
    };
    const update = updateSpec({ from, checks: [passing], generate: failing });
    await expect(update).rejects.toThrow(UpdateError);
    await expect(update).rejects.toThrow("nothing was written: generator exploded");
    expect(snapshotTree(root)).toEqual(before);
  });

  test("unchanged on a fresh checkout: the locked spec is cached for the next run", async () => {
    const { canonicalJson } = await import("../src/spec-document.ts");
    layTree(root, syntheticSpec(), { cache: false });
    const from = writeSpec(specs, "same.json", syntheticSpec());
    const result = await updateSpec({ from, checks: [] });
    expect(result.status).toBe("unchanged");
    expect(readFileSync(treePaths(root).cache, "utf8")).toBe(canonicalJson(syntheticSpec()));
  });

  test("checks run against the updated tree, after the files are written", async () => {
    const from = writeSpec(specs, "next.json", nextSpec());
    let seenLock = "";
    const inspecting: Check = async (at) => {
      seenLock = readFileSync(treePaths(at).lock, "utf8");
      return { name: "inspect", status: "passed", summary: "looked", failures: [] };
    };
    const result = await updateSpec({ from, checks: [inspecting] });
    expect(result.ok).toBe(true);
    expect(JSON.parse(seenLock).sha256).toBe(result.lock.sha256);
    expect(result.report).toContain("- **inspect**: looked");
  });
});
