// `or-spec fetch | generate | check` end to end against a temporary repository root, with a
// local fixture as the spec. The tests are steps of one story and run in order.
import {
  appendFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { canonicalJson, sha256 } from "../src/spec-document.ts";
import { runCli, spawnCli, tempRepo } from "./support/cli.ts";

const fixture = (name: string) => join(import.meta.dirname, "fixtures", name);
const repo = tempRepo();
afterAll(() => repo.remove());

const env = { OR_REPO_ROOT: repo.root, OR_SPEC_PATH: undefined };
const cli = (...args: string[]) => runCli(args, env);
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const generated = (name: string) => readFileSync(join(repo.generatedDir, name), "utf8");
const fixtureText = canonicalJson(readJson(fixture("notes-api.json")));
const fixtureSha = sha256(fixtureText);

describe("usage", () => {
  test("no command prints the usage and exits 0; an unknown one exits 1", async () => {
    const help = await cli();
    expect(help.code).toBe(0);
    expect(help.stderr).toContain("Usage: or-spec <command>");
    const unknown = await cli("publish");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown command: publish");
  });

  test("an unknown flag is a usage error, exit 1, without a stack trace", async () => {
    const run = await cli("fetch", "--form", fixture("notes-api.json"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^or-spec fetch: .*--form/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("before any fetch", () => {
  test("generate fails and says how to fetch", async () => {
    const run = await cli("generate");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No ${repo.lockPath}`);
    expect(run.stderr).toContain("pnpm spec:fetch");
    expect(existsSync(repo.generatedDir)).toBe(false);
  });

  test("a file that is not OpenAPI 3.1 fails the fetch, names the file, writes nothing", async () => {
    const run = await cli("fetch", "--from", fixture("openapi-3.0.yaml"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /openapi-3\.0\.yaml is not an OpenAPI 3\.1 document: version 3\.0\.3/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(repo.lockPath)).toBe(false);
    expect(existsSync(repo.cachePath)).toBe(false);
  });
});

describe("fetch → generate → check", () => {
  test("fetch --from <yaml file> writes the cache and the lock", async () => {
    const run = await cli("fetch", "--from", fixture("notes-api.yaml"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`3 operations, 2 schemas, sha256 ${fixtureSha.slice(0, 16)}`);
    expect(readFileSync(repo.cachePath, "utf8")).toBe(fixtureText);
    const lock = readJson(repo.lockPath);
    expect(lock).toMatchObject({
      sha256: fixtureSha,
      openapi: "3.1.0",
      version: "0.1.0",
      operations: 3,
      schemas: 2,
    });
    expect(lock.source).toMatch(/scripts\/test\/fixtures\/notes-api\.yaml$/);
    expect(lock.etag).toBeUndefined();
  });

  test("generate writes the generated sources of @or/types", async () => {
    const run = await cli("generate");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Generated 3 files into ${repo.generatedDir}`);
    expect(readdirSync(repo.generatedDir).sort()).toEqual([
      "openapi.ts",
      "operation-ids.ts",
      "schemas.ts",
    ]);
    const types = generated("openapi.ts");
    expect(types).toContain(`(sha256 ${fixtureSha.slice(0, 16)})`);
    expect(types).toContain('"/notes/{id}": {');
    expect(types).toContain("archived?: boolean;"); // boolean-query-params overlay
    // attribution-headers overlay
    expect(types).toContain('"X-OpenRouter-Title"?: components["parameters"]["AttributionTitle"];');
    expect(types).toContain('color?: "yellow" | "blue" | (string & {});'); // open-enums overlay
    expect(types).toContain("pinned?: boolean;"); // a default does not make it required
    expect(generated("schemas.ts")).toContain("  NewNote,\n");
    expect(types).toContain("export type NewNote = {");
    expect(generated("operation-ids.ts")).toContain(
      'export type OperationIds = "listNotes" | "createNote" | "deleteNote";',
    );
  });

  test("check passes right after generate", async () => {
    const run = await cli("check");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Spec matches the lock (sha256 ${fixtureSha.slice(0, 16)})`);
  });

  test("check fails when a generated file was edited, and passes after generate", async () => {
    appendFileSync(join(repo.generatedDir, "schemas.ts"), "export type Extra = string;\n");
    const stale = await cli("check");
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("Generated output is stale: schemas.ts differ");
    expect(stale.stderr).toContain("pnpm generate");

    expect((await cli("generate")).code).toBe(0);
    expect(generated("schemas.ts")).not.toContain("Extra");
    expect((await cli("check")).code).toBe(0);
  });

  test("through the bin, a missing generated file is exit code 1", async () => {
    const saved = generated("operation-ids.ts");
    writeFileSync(join(repo.generatedDir, "operation-ids.ts"), "");
    const stale = await spawnCli(["check"], env);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe("");
    expect(stale.stderr).toContain("operation-ids.ts differ");
    writeFileSync(join(repo.generatedDir, "operation-ids.ts"), saved);
    expect((await cli("check")).code).toBe(0);
  });
});

describe("a cache that no longer matches the lock", () => {
  let generatedBefore: string;

  test("generate fails, says how to update, and leaves the generated files alone", async () => {
    generatedBefore = generated("openapi.ts");
    const changed = readJson(repo.cachePath);
    changed.info.version = "0.2.0";
    writeFileSync(repo.cachePath, canonicalJson(changed));

    const run = await cli("generate");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not match openapi/openrouter.lock.json");
    expect(run.stderr).toContain(`(sha256 ${fixtureSha.slice(0, 16)})`);
    expect(run.stderr).toContain("Run `pnpm spec:fetch`");
    expect(generated("openapi.ts")).toBe(generatedBefore);
  });

  test("check fails the same way", async () => {
    const run = await cli("check");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not match openapi/openrouter.lock.json");
  });

  test("fetch without --from takes an OR_SPEC_PATH snapshot whose sha matches the lock", async () => {
    const lockBefore = readFileSync(repo.lockPath, "utf8");
    const run = await runCli(["fetch"], { ...env, OR_SPEC_PATH: fixture("notes-api.json") });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Spec: local snapshot matches the lock (3 operations, 2 schemas");
    expect(readFileSync(repo.cachePath, "utf8")).toBe(fixtureText);
    expect(readFileSync(repo.lockPath, "utf8")).toBe(lockBefore);
    expect((await cli("check")).code).toBe(0);
  });

  test("with the cache deleted, generate restores it from a matching OR_SPEC_PATH", async () => {
    writeFileSync(repo.cachePath, "");
    const broken = await cli("generate");
    expect(broken.code).toBe(1);

    rmSync(repo.cachePath);
    const run = await runCli(["generate"], { ...env, OR_SPEC_PATH: fixture("notes-api.yaml") });
    expect(run.code).toBe(0);
    expect(readFileSync(repo.cachePath, "utf8")).toBe(fixtureText);
  });
});

describe("fetching a different document", () => {
  test("fetch --from a changed file updates the lock and tells what it was", async () => {
    const changed = readJson(fixture("notes-api.json"));
    changed.components.schemas.Tag = { type: "string" };
    const path = join(repo.root, "..", "notes-api-v2.json");
    writeFileSync(path, JSON.stringify(changed));

    const run = await cli("fetch", "--from", path);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Spec updated from ../notes-api-v2.json (3 operations, 3 schemas");
    expect(run.stdout).toContain(`was sha256 ${fixtureSha.slice(0, 16)} (3 operations, 2 schemas)`);
    const lock = readJson(repo.lockPath);
    expect(lock.schemas).toBe(3);
    expect(lock.sha256).toBe(sha256(readFileSync(repo.cachePath, "utf8")));
    expect(lock.sha256).not.toBe(fixtureSha);

    const check = await cli("check");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stale");
  });
});
