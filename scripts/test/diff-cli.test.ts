// `or-spec diff` from the command line: paths, YAML, the locked spec as the old side, JSON and
// Markdown output, exit codes.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import type { SpecDiff } from "../src/diff/types.ts";
import { syntheticSpec } from "./fixtures/diff/synthetic-spec.ts";
import { layTree, writeSpec } from "./fixtures/diff/temp-tree.ts";

const bin = new URL("../bin/or-spec.mjs", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "or-spec-diff-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function orSpec(args: string[], root = work) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, OR_REPO_ROOT: root },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const before = writeSpec(work, "before.json", syntheticSpec());
const changed = syntheticSpec();
delete changed.paths["/keys"];
changed.components.schemas.Widget.properties.weight = { type: "number" };
const afterYaml = join(work, "after.yaml");
// Each case starts `or-spec` (tsx, TypeScript) once or more: slow on a loaded machine.
const SLOW = 600_000; // only a hang reaches it, as vitest.config.ts says
writeFileSync(afterYaml, stringify(changed));

describe("or-spec diff", () => {
  test(
    "--json: the documented shape, from a JSON and a YAML document",
    async () => {
      const run = await orSpec(["diff", before, afterYaml, "--json"]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^Diffed in \d+ ms \(documents loaded in \d+ ms\)\.\n$/);
      const diff = JSON.parse(run.stdout) as SpecDiff;
      expect(diff.operationsRemoved).toEqual([
        { method: "GET", path: "/keys", operationId: "listKeys" },
      ]);
      expect(diff.operationsAdded).toEqual([]);
      expect(diff.breaking.map((c) => c.rule)).toEqual(["operation-removed"]);
      expect(diff.nonBreaking.map((c) => c.location)).toEqual(["Widget.weight"]);
      expect(diff.bump).toEqual({
        "@or/types": "major",
        "@or/fetch": "major",
        "@or/stream": "none",
        "@or/admin": "major",
      });
      expect(diff.to.source).toBe("after.yaml"); // paths are recorded relative to the repo root
    },
    SLOW,
  );

  test(
    "Markdown by default; --fail-on-breaking exits 2 when something breaks",
    async () => {
      const run = await orSpec(["diff", before, afterYaml, "--fail-on-breaking"]);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain("### Operations removed (1)\n\n- `GET /keys` (`listKeys`)");
      expect(run.stdout).toContain("`Widget.weight` (response): property added (optional)");
    },
    SLOW,
  );

  test(
    "one document: compared with the locked spec",
    async () => {
      const root = join(work, "tree");
      layTree(root, syntheticSpec());
      const run = await orSpec(["diff", afterYaml, "--json"], root);
      expect(run.code).toBe(0);
      const diff = JSON.parse(run.stdout) as SpecDiff;
      expect(diff.from.source).toBe("lock (https://openrouter.ai/openapi.json)");
      expect(diff.operationsRemoved.map((o) => o.operationId)).toEqual(["listKeys"]);
    },
    SLOW,
  );

  test(
    "bad input: a clear message and exit 1",
    async () => {
      const old = writeSpec(work, "swagger.json", { openapi: "3.0.3", paths: {} });
      const runs = [];
      for (const args of [
        ["diff", before], // no lock in `work`
        ["diff", before, join(work, "missing.json")],
        ["diff", old, before],
        ["diff"],
      ]) {
        runs.push(await orSpec(args));
      }
      expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1]);
      expect(runs[0]!.stderr).toContain("or-spec diff: No ");
      expect(runs[1]!.stderr).toContain(`Cannot read ${join(work, "missing.json")}: ENOENT.`);
      expect(runs[2]!.stderr).toContain(
        "is not an OpenAPI 3.1 document: version 3.0.3, expected 3.1.x",
      );
      expect(runs[3]!.stderr).toContain("spec:diff takes <old> <new>");
    },
    SLOW,
  );
});
