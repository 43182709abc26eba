// `or-spec update` from the command line, against temporary trees (OR_REPO_ROOT) and specs
// served from 127.0.0.1.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { canonicalJson, sha256 } from "../src/spec-document.ts";
import { syntheticSpec } from "./fixtures/diff/synthetic-spec.ts";
import { layTree, snapshotTree, treePaths, writeSpec } from "./fixtures/diff/temp-tree.ts";

const bin = new URL("../bin/or-spec.mjs", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "or-spec-update-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function orSpec(root: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, OR_REPO_ROOT: root, OR_SPEC_PATH: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The synthetic spec with one optional request property and one operation more. */
function nextSpec() {
  const spec = syntheticSpec();
  spec.components.schemas.WidgetCreate.properties.weight = { type: "number" };
  spec.paths["/gadgets"] = {
    get: { operationId: "listGadgets", responses: { "200": { description: "ok" } } },
  };
  return spec;
}

// Each case starts `or-spec` (tsx, TypeScript, the generator) once or more: slow on a loaded machine.
const SLOW = 600_000; // only a hang reaches it, as vitest.config.ts says
let counter = 0;
const freshRoot = () => join(work, `tree-${++counter}`);

describe("or-spec update --from <path>", () => {
  test(
    "an unchanged spec says so, exits 0 and writes nothing",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec());
      const before = snapshotTree(root);
      const from = writeSpec(work, "same.json", syntheticSpec());
      const run = await orSpec(root, ["update", "--from", from, "--skip-checks"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Spec unchanged at");
      expect(snapshotTree(root)).toEqual(before);
    },
    SLOW,
  );

  test(
    "a changed spec: regenerated, locked, cached, and a changeset with the bumps",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec());
      const next = nextSpec();
      const from = writeSpec(work, "next.json", next);
      const report = join(work, "report.md");
      const run = await orSpec(root, [
        "update",
        "--from",
        from,
        "--skip-checks",
        "--report",
        report,
      ]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const paths = treePaths(root);
      const text = canonicalJson(next);
      const lock = JSON.parse(readFileSync(paths.lock, "utf8"));
      expect(lock).toMatchObject({ sha256: sha256(text), operations: 6, schemas: 15 });
      expect(readFileSync(paths.cache, "utf8")).toBe(text);
      expect(readFileSync(join(paths.generated, "operation-ids.ts"), "utf8")).toContain(
        '"listGadgets"',
      );
      expect(readFileSync(join(paths.generated, "openapi.ts"), "utf8")).toContain(
        "weight?: number",
      );

      const name = `spec-update-${sha256(text).slice(0, 12)}.md`;
      expect(readdirSync(paths.changesets).sort()).toEqual(["README.md", name]);
      const changeset = readFileSync(join(paths.changesets, name), "utf8");
      expect(changeset).toMatch(/^---\n"@or\/types": minor\n"@or\/fetch": minor\n---\n\n/);
      expect(changeset).toContain("- `GET /gadgets` (`listGadgets`)");
      expect(changeset).toContain("`WidgetCreate.weight` (request): property added (optional)");

      const written = readFileSync(report, "utf8");
      expect(written).toContain("### Checks\n\nSkipped (`--skip-checks`).");
      expect(written).toContain("| `@or/types` | minor |");
      expect(run.stdout).toContain("Changeset: ");
    },
    SLOW,
  );

  test(
    "a spec the generator rejects: exit 1, nothing written",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec());
      const before = snapshotTree(root);
      const broken = nextSpec();
      broken.components.schemas.Widget.properties.maker = { $ref: "#/components/schemas/Nowhere" };
      const from = writeSpec(work, "broken.json", broken);
      const run = await orSpec(root, ["update", "--from", from, "--skip-checks"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "Generating types from the new spec failed; nothing was written",
      );
      expect(run.stderr).toContain("#/components/schemas/Widget/properties/maker");
      expect(snapshotTree(root)).toEqual(before);
    },
    SLOW,
  );

  test(
    "without the locked spec it stops, unless --base-optional (then every package is major)",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec(), { cache: false });
      const from = writeSpec(work, "next-2.json", nextSpec());
      const stopped = await orSpec(root, ["update", "--from", from, "--skip-checks"]);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain("No cached spec");
      expect(existsSync(treePaths(root).cache)).toBe(false);

      const run = await orSpec(root, [
        "update",
        "--from",
        from,
        "--skip-checks",
        "--base-optional",
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("The locked spec is not available");
      const [name] = readdirSync(treePaths(root).changesets).filter((n) =>
        n.startsWith("spec-update-"),
      );
      const changeset = readFileSync(join(treePaths(root).changesets, name!), "utf8");
      expect(changeset).toContain(
        '"@or/types": major\n"@or/fetch": major\n"@or/stream": major\n"@or/admin": major',
      );
      expect(changeset).toContain("was not available to compare with");
    },
    SLOW,
  );

  test(
    "unknown flags and stray arguments are usage errors",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec());
      const flag = await orSpec(root, ["update", "--frm", "x"]);
      expect(flag.code).toBe(1);
      expect(flag.stderr).toMatch(/or-spec update: Unknown option '--frm'/);
      const stray = await orSpec(root, ["update", "extra"]);
      expect(stray.code).toBe(1);
      expect(stray.stderr).toContain("takes no positional arguments");
    },
    SLOW,
  );
});

describe("or-spec update from a URL", () => {
  let server: Server;
  let url: string;
  let served = JSON.stringify(nextSpec());
  const requests: { ifNoneMatch?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const ifNoneMatch = req.headers["if-none-match"];
      requests.push({ ifNoneMatch });
      if (req.url === "/broken") {
        res.writeHead(500).end("upstream trouble");
        return;
      }
      const etag = `"${sha256(served).slice(0, 16)}"`;
      if (ifNoneMatch === etag) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", etag }).end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test(
    "updates from the lock's URL, then revalidates with its ETag and finds nothing new",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec(), { source: url });
      const first = await orSpec(root, ["update", "--skip-checks"]);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("OpenRouter spec updated to sha256");
      const lock = JSON.parse(readFileSync(treePaths(root).lock, "utf8"));
      expect(lock.source).toBe(url);
      expect(lock.etag).toBe(`"${sha256(served).slice(0, 16)}"`);

      const second = await orSpec(root, ["update", "--skip-checks"]);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`Spec unchanged at ${url}`);
      expect(requests.at(-1)).toEqual({ ifNoneMatch: lock.etag });

      served = JSON.stringify(syntheticSpec()); // upstream reverts: a removal, so breaking
      const third = await orSpec(root, ["update", "--skip-checks"]);
      expect(third.code).toBe(0);
      expect(third.stdout).toContain("1 removed, 2 breaking changes");
    },
    SLOW,
  );

  test(
    "a server that answers an error is reported, nothing written",
    async () => {
      const root = freshRoot();
      layTree(root, syntheticSpec());
      const before = snapshotTree(root);
      const run = await orSpec(root, ["update", "--from", url.replace("openapi.json", "broken")]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("/broken answered 500 Internal Server Error.");
      expect(snapshotTree(root)).toEqual(before);
    },
    SLOW,
  );
});
