import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { canonicalJson, sha256, SpecFormatError } from "../src/spec-document.ts";
import { loadSpec, SpecSourceError, type LoadedSpec } from "../src/spec-source.ts";
import { closedPortUrl, startServer, type TestServer } from "./support/http-server.ts";

const fixture = (name: string) => join(import.meta.dirname, "fixtures", name);
const jsonText = readFileSync(fixture("notes-api.json"), "utf8");
const yamlText = readFileSync(fixture("notes-api.yaml"), "utf8");
const expectedSha = sha256(canonicalJson(JSON.parse(jsonText)));

/** Loads a source that must answer with a document (not a 304). */
async function load(source: string, options?: Parameters<typeof loadSpec>[1]) {
  const loaded = await loadSpec(source, options);
  if ("notModified" in loaded) throw new Error(`${source}: unexpected 304`);
  return loaded as LoadedSpec;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error("expected a rejection");
  return error;
}

describe("files", () => {
  test("a JSON file loads as canonical JSON with its sha256 and a repo-relative source", async () => {
    const loaded = await load(fixture("notes-api.json"));
    expect(loaded.doc.info?.title).toBe("Notes fixture");
    expect(loaded.text).toBe(JSON.stringify(JSON.parse(jsonText), null, 2) + "\n");
    expect(loaded.sha256).toBe(expectedSha);
    expect(loaded.source).toBe("scripts/test/fixtures/notes-api.json");
    expect(loaded.etag).toBeUndefined();
  });

  test("a YAML file of the same document hashes the same as the JSON", async () => {
    const loaded = await load(fixture("notes-api.yaml"));
    expect(Object.keys(loaded.doc.paths)).toEqual(["/notes", "/notes/{id}"]);
    expect(loaded.sha256).toBe(expectedSha);
    expect(loaded.source).toBe("scripts/test/fixtures/notes-api.yaml");
  });

  test("a missing file is a SpecSourceError naming the path", async () => {
    const error = await failure(loadSpec(fixture("no-such-spec.json")));
    expect(error).toBeInstanceOf(SpecSourceError);
    expect(error.message).toMatch(/Cannot read .*no-such-spec\.json: ENOENT/);
  });
});

describe("not an OpenAPI 3.1 document", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "or-spec-source-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string, RegExp][] = [
    ["a 3.0.3 document", () => fixture("openapi-3.0.yaml"), /version 3\.0\.3, expected 3\.1\.x/],
    ["a YAML list", () => fixture("top-level-list.yaml"), /the top level is not an object/],
    ["garbage text", () => fixture("garbage.txt"), /cannot parse as JSON or YAML/],
    [
      "truncated JSON",
      () => {
        const path = join(dir, "truncated.json");
        writeFileSync(path, '{ "openapi": "3.1.0", "paths": ');
        return path;
      },
      /cannot parse as JSON or YAML \(.*JSON/,
    ],
    [
      "a document without paths",
      () => {
        const path = join(dir, "no-paths.yaml");
        writeFileSync(path, "openapi: 3.1.0\ninfo: { title: x, version: '1' }\n");
        return path;
      },
      /no `paths` object/,
    ],
  ];

  test.each(cases)("%s is a SpecFormatError naming the source", async (_, path, reason) => {
    const source = path();
    const error = await failure(loadSpec(source));
    expect(error).toBeInstanceOf(SpecFormatError);
    const sourceName = source.split("/").pop()!;
    expect((error as SpecFormatError).source).toContain(sourceName);
    expect(error.message).toContain(`${sourceName} is not an OpenAPI 3.1 document`);
    expect(error.message).toMatch(reason);
  });
});

describe("URLs", () => {
  let server: TestServer;
  /** What the server answers next, per path. */
  const routes = new Map<string, { status: number; body?: string; headers?: object }>();

  beforeAll(async () => {
    server = await startServer((request, response) => {
      const route = routes.get(request.url);
      if (!route) return void response.writeHead(404).end("not found");
      const etag = (route.headers as Record<string, string> | undefined)?.etag;
      if (etag && request.headers["if-none-match"] === etag) {
        return void response.writeHead(304, { etag }).end();
      }
      response.writeHead(route.status, { ...route.headers }).end(route.body);
    });
  });
  afterAll(() => server.close());
  afterEach(() => {
    routes.clear();
    server.requests.length = 0;
  });

  test("JSON over HTTP loads, keeps the URL as source and the ETag", async () => {
    routes.set("/openapi.json", {
      status: 200,
      body: jsonText,
      headers: { "content-type": "application/json", etag: '"notes-v1"' },
    });
    const url = `${server.origin}/openapi.json`;
    const loaded = await load(url);
    expect(loaded.sha256).toBe(expectedSha);
    expect(loaded.source).toBe(url);
    expect(loaded.etag).toBe('"notes-v1"');
    expect(server.requests[0]!.headers.accept).toContain("application/json");
    expect(server.requests[0]!.headers["if-none-match"]).toBeUndefined();
  });

  test("YAML over HTTP loads to the same hash", async () => {
    routes.set("/openapi.yaml", {
      status: 200,
      body: yamlText,
      headers: { "content-type": "application/yaml" },
    });
    const loaded = await load(`${server.origin}/openapi.yaml`);
    expect(loaded.sha256).toBe(expectedSha);
    expect(loaded.etag).toBeUndefined();
  });

  test("an ETag is sent as If-None-Match and a 304 answers notModified", async () => {
    routes.set("/openapi.json", { status: 200, body: jsonText, headers: { etag: '"notes-v1"' } });
    const url = `${server.origin}/openapi.json`;
    const result = await loadSpec(url, { etag: '"notes-v1"' });
    expect(result).toEqual({ notModified: true });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"notes-v1"');
  });

  test("a stale ETag gets the new document", async () => {
    routes.set("/openapi.json", { status: 200, body: jsonText, headers: { etag: '"notes-v2"' } });
    const loaded = await load(`${server.origin}/openapi.json`, { etag: '"notes-v1"' });
    expect(server.requests[0]!.headers["if-none-match"]).toBe('"notes-v1"');
    expect(loaded.etag).toBe('"notes-v2"');
    expect(loaded.sha256).toBe(expectedSha);
  });

  test("HTTP 500 is a SpecSourceError with the status", async () => {
    routes.set("/openapi.json", { status: 500, body: "upstream broke" });
    const url = `${server.origin}/openapi.json`;
    const error = await failure(loadSpec(url));
    expect(error).toBeInstanceOf(SpecSourceError);
    expect(error.message).toBe(`${url} answered 500 Internal Server Error.`);
  });

  test("HTTP 404 is a SpecSourceError too", async () => {
    const error = await failure(loadSpec(`${server.origin}/missing.json`));
    expect(error).toBeInstanceOf(SpecSourceError);
    expect(error.message).toContain("answered 404 Not Found");
  });

  test("a 3.0 document over HTTP is a SpecFormatError naming the URL", async () => {
    routes.set("/old.yaml", {
      status: 200,
      body: readFileSync(fixture("openapi-3.0.yaml"), "utf8"),
    });
    const url = `${server.origin}/old.yaml`;
    const error = await failure(loadSpec(url));
    expect(error).toBeInstanceOf(SpecFormatError);
    expect((error as SpecFormatError).source).toBe(url);
    expect(error.message).toBe(
      `${url} is not an OpenAPI 3.1 document: version 3.0.3, expected 3.1.x`,
    );
  });

  test("an HTML page is a SpecFormatError, not a crash", async () => {
    routes.set("/openapi.json", {
      status: 200,
      body: "<!doctype html><title>Sign in</title>",
      headers: { "content-type": "text/html" },
    });
    const error = await failure(loadSpec(`${server.origin}/openapi.json`));
    expect(error).toBeInstanceOf(SpecFormatError);
    expect(error.message).toMatch(/is not an OpenAPI 3\.1 document/);
  });
});

describe("network failures", () => {
  test("a closed port is a SpecSourceError: Cannot reach, with the reason and a way out", async () => {
    const url = await closedPortUrl();
    const error = await failure(loadSpec(url));
    expect(error).toBeInstanceOf(SpecSourceError);
    expect(error.message).toContain(`Cannot reach ${url}: ECONNREFUSED`);
    expect(error.message).toContain("--from <path>");
  });

  test("a server that never answers times out with a message that says so", async () => {
    const silent = await startServer(() => {});
    try {
      const url = `${silent.origin}/openapi.json`;
      const error = await failure(loadSpec(url, { timeoutMs: 150 }));
      expect(error).toBeInstanceOf(SpecSourceError);
      expect(error.message).toContain(`Cannot reach ${url}: no answer within 150 ms`);
      expect(silent.requests).toHaveLength(1);
    } finally {
      await silent.close();
    }
  });

  test("a server that sends headers and then stalls the body times out the same way", async () => {
    const stalling = await startServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"openapi": "3.1.0", ');
    });
    try {
      const error = await failure(loadSpec(`${stalling.origin}/openapi.json`, { timeoutMs: 150 }));
      expect(error).toBeInstanceOf(SpecSourceError);
      expect(error.message).toContain("no answer within 150 ms");
    } finally {
      await stalling.close();
    }
  });

  test("a connection dropped mid-body is a SpecSourceError", async () => {
    const dropping = await startServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      response.write('{"openapi": "3.1.0", ', () => response.socket?.destroy());
    });
    try {
      const error = await failure(loadSpec(`${dropping.origin}/openapi.json`));
      expect(error).toBeInstanceOf(SpecSourceError);
      expect(error.message).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:\d+\/openapi\.json: /);
    } finally {
      await dropping.close();
    }
  });
});
