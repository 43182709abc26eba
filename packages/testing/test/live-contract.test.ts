// The live contract check (live-contract/), run as CI runs it but with or-replay standing in for
// OpenRouter: the fixtures it serves are the shipped ones, arranged so that each scripted call
// gets the answer the real API gives it (the forced tool call streams one, temperature 7 is a 400).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runLiveContract } from "../live-contract/live-contract";
import type { Fixture } from "../src/fixture-format";
import { fixtureKey, loadFixtures } from "../src/fixtures";
import { startReplayServer } from "../src/replay-server";
import { runNode, startCli, type Cli } from "./cli-process";

type Json = Record<string, any>;

const packageDir = fileURLToPath(new URL("..", import.meta.url));
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "live-contract-test-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The shipped fixtures, with the tool-call stream and the 400 served for the calls that get them. */
function standInFixtures(): Fixture[] {
  return loadFixtures().map((f) => {
    const key = fixtureKey(f);
    if (key === "sendChatCompletionRequest/stream-tool-call-final-usage") {
      const bodyMatch = { stream: true, tool_choice: { type: "function" } };
      return { ...f, request: { ...f.request, explicit: false, bodyMatch } };
    }
    if (key === "sendChatCompletionRequest/error-400") {
      return { ...f, request: { ...f.request, explicit: false, bodyMatch: { temperature: 7 } } };
    }
    return f;
  });
}

function writeFixtures(dir: string, fixtures: Fixture[]): string {
  for (const f of fixtures) {
    mkdirSync(join(dir, f.operationId), { recursive: true });
    writeFileSync(join(dir, f.operationId, `${f.name}.json`), JSON.stringify(f));
  }
  return dir;
}

/** Runs the live-contract script as `pnpm live-contract` does; its exit code and output. */
const runScript = (args: string[], env: Record<string, string> = {}) =>
  runNode(["--import", "tsx", "live-contract/main.ts", ...args], {
    cwd: packageDir,
    env: { OPENROUTER_API_KEY: "", ...env },
  });

describe("the live contract script against or-replay", () => {
  let replay: Cli;
  beforeAll(async () => {
    const fixtures = writeFixtures(join(folder, "stand-in"), standInFixtures());
    replay = await startCli(
      join(packageDir, "bin/or-replay.js"),
      ["--port", "0", "--fixtures", fixtures],
      {
        cwd: packageDir,
      },
    );
  });
  afterAll(() => replay?.child.kill("SIGTERM"));

  test("passes: six calls recorded, redacted, valid against the shipped spec, no drift", async () => {
    const out = join(folder, "recorded");
    const report = join(folder, "drift.md");
    const run = await runScript(["--base-url", replay.url, "--out", out, "--report", report]);
    expect(run.stderr).toContain(`fixtures written to ${out}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Live contract check against ${replay.url} (spec sha256 `);
    expect(run.stdout.match(/^ok {4}/gm)).toHaveLength(6);
    expect(run.stdout).toContain("No drift: all 6 calls agree");
    expect(readFileSync(report, "utf8")).toBe(`${run.stdout.trimEnd()}\n`);
    const recorded = loadFixtures(out);
    expect(recorded.map(fixtureKey).sort()).toEqual([
      "createResponses/recorded-stream",
      "getCurrentKey/recorded",
      "getModels/recorded",
      "sendChatCompletionRequest/error-400",
      "sendChatCompletionRequest/recorded",
      "sendChatCompletionRequest/recorded-stream",
    ]);
    for (const f of recorded) {
      expect(f.request.headers?.authorization).toBe("Bearer <redacted:api-key>");
    }
  });

  test("a wrong argument exits 2 with the usage; the real API without a key exits 2", async () => {
    const wrong = await runScript(["--base-uri", replay.url]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Usage: live-contract");
    const keyless = await runScript(["--out", join(folder, "never")]);
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toBe(
      "live-contract: OPENROUTER_API_KEY must be set to check https://openrouter.ai/api/v1\n",
    );
  });
});

describe("a drift is reported readably", () => {
  test("a field the spec requires goes missing, a tool call stops streaming, a 400 turns 200", async () => {
    const fixtures = standInFixtures().filter(
      (f) =>
        !["stream-tool-call-final-usage", "error-400"].includes(f.name) ||
        f.operationId !== "sendChatCompletionRequest",
    );
    const models = fixtures.find((f) => fixtureKey(f) === "getModels/list-models") as Fixture;
    delete ((models.response.body as Json).data[0] as Json).pricing;
    const server = await startReplayServer({ fixtures, record: false });
    try {
      const result = await runLiveContract({ baseUrl: server.url, out: join(folder, "drift") });
      expect(result.drifted).toBe(true);
      const lines = result.report.split("\n");
      expect(lines).toContain(`DRIFT models: GET /models 200 → getModels/recorded`);
      expect(lines).toContain(
        "        - response.body/data/0 must have required property 'pricing'",
      );
      expect(lines).toContain("        - no get_weather tool call in the stream");
      expect(lines).toContain("        - status 200, expected 400");
      expect(lines.at(-1)).toBe("3 of 6 calls drifted from the spec or the SDK's expectations.");
    } finally {
      await server.close();
    }
  });
});
