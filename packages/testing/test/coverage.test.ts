// Every operation of the spec has a default success fixture, and the error cases the SDK's
// error handling is tested against exist with the metadata they are about.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { overlaidSpec } from "@or/scripts";
import { beforeAll, describe, expect, test } from "vitest";
import type { OpenApiSpec } from "../src/contract/index";
import { coverageComplete, fixtureCoverage, formatCoverage } from "../src/coverage";
import type { Fixture } from "../src/fixture-format";
import { fixtureKey, fixturesDir, loadFixtures } from "../src/fixtures";

type Json = Record<string, any>;

const fixtures = loadFixtures();
const byKey = new Map(fixtures.map((f) => [fixtureKey(f), f]));
let spec: OpenApiSpec;

beforeAll(async () => {
  spec = await overlaidSpec();
});

describe("coverage of the spec's operations", () => {
  test("97/97 operations have a default success fixture", () => {
    const report = fixtureCoverage(spec, fixtures);
    console.log(formatCoverage(report));
    expect(report.operationCount).toBe(97);
    expect(report.missing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(report.covered).toHaveLength(97);
    expect(coverageComplete(report)).toBe(true);
  });

  test("a missing operation and an unknown one are reported", () => {
    const without = fixtures.filter((f) => f.operationId !== "getCredits");
    const renamed = {
      ...byKey.get("listProviders/list-providers")!,
      operationId: "listProvidersV2",
    };
    const report = fixtureCoverage(spec, [...without, renamed]);
    expect(report.missing.map((m) => `${m.operationId} ${m.method} ${m.path}`)).toEqual([
      "getCredits GET /credits",
    ]);
    expect(report.unknown).toEqual(["listProvidersV2"]);
    expect(coverageComplete(report)).toBe(false);
    expect(formatCoverage(report)).toContain("96/97 operations covered");
    expect(formatCoverage(report)).toContain("  getCredits  GET /credits");
  });

  test("an explicit or failing fixture does not count as coverage", () => {
    const credits = byKey.get("getCredits/credits")!;
    const others = fixtures.filter((f) => f.operationId !== "getCredits");
    const explicit: Fixture = { ...credits, request: { ...credits.request, explicit: true } };
    const failing: Fixture = { ...credits, name: "e", response: { status: 500, body: {} } };
    for (const extra of [explicit, failing]) {
      expect(fixtureCoverage(spec, [...others, extra]).missing.map((m) => m.operationId)).toEqual([
        "getCredits",
      ]);
    }
  });

  test("counts success, stream and error fixtures", () => {
    const report = fixtureCoverage(spec, fixtures);
    expect(report.fixtureCount).toBe(fixtures.length);
    expect(report.streamCount).toBe(fixtures.filter((f) => f.response.sse).length);
    expect(report.streamCount).toBeGreaterThan(0);
    expect(report.errorCount).toBeGreaterThanOrEqual(19);
    expect(report.successCount + report.errorCount).toBe(fixtures.length);
  });
});

describe("pnpm fixtures:coverage", () => {
  const run = promisify(execFile);
  const cli = (dir: string) =>
    run(process.execPath, ["--import", "tsx", "src/cli/fixtures-coverage.ts", dir], {
      cwd: join(import.meta.dirname, ".."),
    });

  test("passes on the shipped fixtures", async () => {
    const { stdout } = await cli(fixturesDir);
    expect(stdout).toContain("97/97 operations covered");
  });

  test("exits 1 and lists what is missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "or-coverage-"));
    try {
      cpSync(fixturesDir, dir, { recursive: true });
      rmSync(join(dir, "getCredits"), { recursive: true });
      const failure = await cli(dir).then(
        () => undefined,
        (error: { code: number; stdout: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toContain("96/97 operations covered");
      expect(failure?.stdout).toContain("getCredits  GET /credits");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the error fixtures of the issue", () => {
  const chat = (name: string) => {
    const f = byKey.get(`sendChatCompletionRequest/${name}`);
    if (!f) throw new Error(`missing sendChatCompletionRequest/${name}`);
    return f;
  };
  const error = (f: Fixture) => (f.response.body as Json).error;

  test.each([400, 401, 402, 403, 404, 408, 429, 502, 503, 524, 529])("error-%i", (status) => {
    const f = chat(`error-${status}`);
    expect(f.request.explicit).toBe(true);
    expect(f.response.status).toBe(status);
    expect(error(f).code).toBe(status);
    expect(typeof error(f).message).toBe("string");
  });

  test("402 says where the limit comes from; in-flight 402 can be retried", () => {
    expect(error(chat("error-402")).metadata.limit_source).toBe("openrouter_credits");
    expect(chat("error-402").response.headers?.["retry-after"]).toBeUndefined();
    const inFlight = chat("error-402-in-flight");
    expect(error(inFlight).metadata.limit_source).toBe("openrouter_in_flight_budget");
    expect(inFlight.response.headers?.["retry-after"]).toMatch(/^\d+$/);
  });

  test("403 carries the moderation metadata", () => {
    expect(Object.keys(error(chat("error-403")).metadata).sort()).toEqual([
      "flagged_input",
      "model_slug",
      "provider_name",
      "reasons",
    ]);
  });

  test("429 and 503 say when to retry", () => {
    expect(chat("error-429").response.headers?.["retry-after"]).toBe("2");
    expect(chat("error-503").response.headers?.["retry-after"]).toMatch(/^\d+$/);
  });

  test("502 holds the provider's own error as a string; the HTML 502 is not JSON", () => {
    const { metadata } = error(chat("error-502"));
    expect(metadata.provider_name).toBeTypeOf("string");
    expect(() => JSON.parse(metadata.raw)).not.toThrow();
    const html = chat("error-502-html");
    expect(html.response.headers?.["content-type"]).toMatch(/^text\/html/);
    expect(html.response.body).toBeUndefined();
    expect(() => JSON.parse(html.response.text!)).toThrow();
  });

  test("other operations have their natural errors", () => {
    for (const key of [
      "list/error-401",
      "getKey/error-401",
      "getKey/error-404",
      "getModel/error-404",
    ]) {
      const f = byKey.get(key);
      expect(f?.request.explicit, key).toBe(true);
      expect(f?.response.status, key).toBe(Number(key.slice(-3)));
    }
  });
});
