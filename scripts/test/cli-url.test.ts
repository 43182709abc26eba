// `or-spec fetch` against a real HTTP server on 127.0.0.1: ETag round trips, the lock's URL as
// default source, and failures that leave the cache and lock alone. Each test has its own server
// and temp repository, and sets up what it starts from.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { canonicalJson, sha256 } from "../src/spec-document.ts";
import { runCli, tempRepo } from "./support/cli.ts";
import { closedPortUrl, startServer, type TestServer } from "./support/http-server.ts";

const fixture = (name: string) => join(import.meta.dirname, "fixtures", name);
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const fixtureSha = sha256(canonicalJson(readJson(fixture("notes-api.json"))));

/** What a spec server publishes: a body and its ETag. */
interface Published {
  body: string;
  etag: string;
}

/**
 * Each test's own temp repository and spec server (nothing shared between tests). `published`
 * can be changed by the test; `cli` runs `or-spec` with the repository as its root.
 */
async function world() {
  const repo = tempRepo();
  const state: { published: Published } = {
    published: { body: readFileSync(fixture("notes-api.yaml"), "utf8"), etag: '"rev-1"' },
  };
  const server = await startServer((request, response) => {
    const { published } = state;
    if (request.url !== "/openapi.yaml") return void response.writeHead(404).end();
    if (request.headers["if-none-match"] === published.etag) {
      return void response.writeHead(304, { etag: published.etag }).end();
    }
    response.writeHead(200, { "content-type": "application/yaml", etag: published.etag });
    response.end(published.body);
  });
  cleanups.push(async () => {
    await server.close();
    repo.remove();
  });
  const env = { OR_REPO_ROOT: repo.root, OR_SPEC_PATH: undefined };
  const specUrl = `${server.origin}/openapi.yaml`;
  return {
    repo,
    server,
    state,
    specUrl,
    env,
    cli: (...args: string[]) => runCli(args, env),
    /** The state after a first fetch by URL: cache and lock written, requests forgotten. */
    async fetchedOnce() {
      const run = await runCli(["fetch", "--from", specUrl], env);
      expect(run.code).toBe(0);
      server.requests.length = 0;
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("ETag", () => {
  test("the first fetch by URL records the URL and the ETag in the lock", async () => {
    const { cli, server, repo, specUrl } = await world();
    const run = await cli("fetch", "--from", specUrl);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Spec updated from ${specUrl} (3 operations, 2 schemas`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["if-none-match"]).toBeUndefined();
    expect(readJson(repo.lockPath)).toMatchObject({
      source: specUrl,
      sha256: fixtureSha,
      etag: '"rev-1"',
    });
  });

  test("a second fetch sends If-None-Match; the 304 keeps cache and lock byte for byte", async () => {
    const { cli, server, repo, specUrl, fetchedOnce } = await world();
    await fetchedOnce();
    const cacheBefore = readFileSync(repo.cachePath, "utf8");
    const lockBefore = readFileSync(repo.lockPath, "utf8");
    const run = await cli("fetch", "--from", specUrl);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Spec unchanged at ${specUrl}`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"rev-1"');
    expect(readFileSync(repo.cachePath, "utf8")).toBe(cacheBefore);
    expect(readFileSync(repo.lockPath, "utf8")).toBe(lockBefore);
  });

  test("without --from, the lock's URL is the source (and gets the ETag too)", async () => {
    const { cli, server, specUrl, fetchedOnce } = await world();
    await fetchedOnce();
    const run = await cli("fetch");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Spec unchanged at ${specUrl}`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"rev-1"');
  });

  test("no If-None-Match when the cache does not match the lock: the document is taken again", async () => {
    const { cli, server, repo, fetchedOnce } = await world();
    await fetchedOnce();
    writeFileSync(repo.cachePath, "{}\n");
    const run = await cli("fetch");
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["if-none-match"]).toBeUndefined();
    expect(sha256(readFileSync(repo.cachePath, "utf8"))).toBe(fixtureSha);
  });

  test("an OR_SPEC_PATH snapshot that does not match the lock is passed over for the URL", async () => {
    const { server, repo, env, specUrl, fetchedOnce } = await world();
    await fetchedOnce();
    const other = join(repo.root, "..", "other-snapshot.json");
    const doc = readJson(fixture("notes-api.json"));
    doc.info.version = "9.9.9";
    writeFileSync(other, JSON.stringify(doc));
    const run = await runCli(["fetch"], { ...env, OR_SPEC_PATH: other });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Spec unchanged at ${specUrl}`);
    expect(server.requests).toHaveLength(1);
  });

  test("an OR_SPEC_PATH that is not OpenAPI 3.1 is an error, not a silent fall-back", async () => {
    const { server, env, fetchedOnce } = await world();
    await fetchedOnce();
    const run = await runCli(["fetch"], { ...env, OR_SPEC_PATH: fixture("openapi-3.0.yaml") });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("openapi-3.0.yaml is not an OpenAPI 3.1 document");
    expect(server.requests).toHaveLength(0);
  });

  test("a new document under a new ETag updates cache and lock and says what it was", async () => {
    const { cli, server, repo, state, specUrl, fetchedOnce } = await world();
    await fetchedOnce();
    const doc = readJson(fixture("notes-api.json"));
    doc.paths["/notes/{id}"].get = {
      operationId: "getNote",
      responses: { 200: { description: "One note." } },
    };
    state.published = { body: JSON.stringify(doc), etag: '"rev-2"' };

    const run = await cli("fetch");
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"rev-1"');
    expect(run.stdout).toContain(`Spec updated from ${specUrl} (4 operations, 2 schemas`);
    expect(run.stdout).toContain(`was sha256 ${fixtureSha.slice(0, 16)} (3 operations`);
    expect(readJson(repo.lockPath)).toMatchObject({ etag: '"rev-2"', operations: 4 });
    expect(readFileSync(repo.cachePath, "utf8")).toBe(canonicalJson(doc));
  });
});

describe("failures keep the cache and the lock", () => {
  /** A repository after a first fetch, and a check that its cache and lock did not change. */
  async function fetchedWorld() {
    const w = await world();
    await w.fetchedOnce();
    const cacheBefore = readFileSync(w.repo.cachePath, "utf8");
    const lockBefore = readFileSync(w.repo.lockPath, "utf8");
    const unchanged = () => {
      expect(readFileSync(w.repo.cachePath, "utf8")).toBe(cacheBefore);
      expect(readFileSync(w.repo.lockPath, "utf8")).toBe(lockBefore);
    };
    return { ...w, unchanged };
  }

  test("an unreachable URL: exit 1, Cannot reach", async () => {
    const { cli, unchanged } = await fetchedWorld();
    const url = await closedPortUrl();
    const run = await cli("fetch", "--from", url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`or-spec fetch: Cannot reach ${url}: ECONNREFUSED`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    unchanged();
  });

  test("--timeout: a server that never answers fails after that many ms", async () => {
    const { cli, unchanged } = await fetchedWorld();
    const silent = await startServer(() => {});
    try {
      const url = `${silent.origin}/openapi.json`;
      const run = await cli("fetch", "--from", url, "--timeout", "200");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Cannot reach ${url}: no answer within 200 ms`);
      unchanged();
    } finally {
      await silent.close();
    }
  });

  test("an HTTP 500: exit 1 with the status", async () => {
    const { cli, unchanged } = await fetchedWorld();
    const failing = await startServer((_, response) => response.writeHead(500).end());
    try {
      const run = await cli("fetch", "--from", `${failing.origin}/openapi.json`);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("answered 500 Internal Server Error");
      unchanged();
    } finally {
      await failing.close();
    }
  });
});
