// The runtime matrix: one client, bundled from the built @or/fetch and @or/stream, run in five
// real runtimes against the replay server on 127.0.0.1; plus the examples in the runtimes they
// are written for. Versions and times are printed at the end (reported, never asserted).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadFixtures, startReplayServer, type ReplayServer } from "@or/testing";
import { bundleEntries, type Bundles } from "../src/harness/bundle";
import { expectedSummary } from "../src/harness/expected";
import { MATRIX_FIXTURES_DIR } from "../src/harness/expected-agent";
import { ITEMS_BEFORE_STALL, runChromium } from "../src/runners/chromium";
import { runBun, runDeno, runNode } from "../src/runners/cli-runtimes";
import { runServerToBrowserExample, runWorkerExample } from "../src/runners/examples";
import type { RuntimeRun } from "../src/runners/runtime-run";
import { runWorkerd } from "../src/runners/workerd";

const expected = expectedSummary();
const runs: RuntimeRun[] = [];
let server: ReplayServer;
let bundles: Bundles;
let outdir: string;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), "or-runtime-matrix-"));
  bundles = await bundleEntries(outdir);
  // The shipped fixtures, and the matrix's own for the agent's two steps.
  server = await startReplayServer({
    fixtures: [...loadFixtures(), ...loadFixtures(MATRIX_FIXTURES_DIR)],
    record: false,
  });
});

afterAll(async () => {
  await server?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  if (runs.length > 0) {
    const rows = runs.map(
      (r) => `  ${r.runtime.padEnd(9)} ${r.version.padEnd(34)} ${Math.round(r.ms)} ms`,
    );
    console.log(`runtime matrix (wall time per run, process start included):\n${rows.join("\n")}`);
  }
});

/** The summary matches the fixtures in every field, whichever runtime produced it. */
function expectFixtureValues(run: RuntimeRun, engine: RegExp): void {
  runs.push(run);
  expect(run.summary).toEqual({
    runtime: run.runtime,
    engine: expect.stringMatching(engine),
    ...expected,
  });
}

describe("runtime matrix: typed GET /models, a streamed chat with finalCompletion(), a tool loop", () => {
  test("the fixtures give something to compare", () => {
    expect(expected.modelIds.length).toBeGreaterThan(0);
    expect(expected.deltas.length).toBeGreaterThan(ITEMS_BEFORE_STALL);
    expect(expected.finishReason).toBe("stop");
    expect(expected.usage?.total).toBeGreaterThan(0);
    expect(expected.generationId).toMatch(/^gen-/);
    expect(expected.agent.toolArgs).toEqual([{ city: "Nairobi" }]);
    expect(expected.agent.text).not.toBe("");
  });

  test("node", async () => {
    const run = await runNode(server.url, bundles);
    expectFixtureValues(run, new RegExp(`^node ${process.versions.node.replaceAll(".", "\\.")}$`));
  });

  test("bun", async () => {
    expectFixtureValues(await runBun(server.url, bundles), /^bun \d+\.\d+\.\d+/);
  });

  test("deno", async () => {
    expectFixtureValues(await runDeno(server.url, bundles), /^deno \d+\.\d+\.\d+/);
  });

  test("workerd", async () => {
    expectFixtureValues(await runWorkerd(server.url, bundles), /^Cloudflare-Workers$/);
  });

  test("chromium: from another origin (CORS), streaming incrementally", async () => {
    server.reset();
    const run = await runChromium(server.url, bundles);
    expectFixtureValues(run, /HeadlessChrome\//);
    // The page is on localhost, the API on 127.0.0.1: a cross-origin call the server allowed.
    expect(run.pageOrigin).toMatch(/^http:\/\/localhost:\d+$/);
    const origins = new Set(server.requests.map((r) => r.headers.origin));
    expect([...origins]).toEqual([run.pageOrigin]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /models",
      "POST /chat/completions",
      "POST /chat/completions", // the agent's two steps
      "POST /chat/completions",
      "POST /chat/completions", // deltasBeforeStall
    ]);
    // The server stalled for good after these items, so they reached the page while it waited.
    expect(run.deltasBeforeStall).toEqual(expected.deltas.slice(0, ITEMS_BEFORE_STALL));
  });
});

describe("examples in their runtimes", () => {
  test("workerd: examples/cloudflare-worker proxies a streamed chat", async () => {
    const run = await runWorkerExample(server.url, outdir);
    expect(run).toEqual({
      getStatus: 405,
      contentType: "text/event-stream",
      deltas: expected.deltas,
      text: expected.text,
      finishReason: expected.finishReason,
      usage: expected.usage,
    });
  });

  test("chromium: examples/server-to-browser renders the stream its server forwards", async () => {
    const run = await runServerToBrowserExample();
    expect(run).toEqual({
      answer: expected.text,
      status: `${expected.finishReason}, ${expected.usage?.total} tokens`,
      state: "done",
    });
  });
});
