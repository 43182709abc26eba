// apply --concurrency against an emulator that answers 429 with Retry-After over its limit:
// the run slows down and finishes, every key created exactly once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkAndResetEmulator, MANAGEMENT_KEY, startEmulator } from "./helpers/emulator";
import { ensureBuilt, runCli } from "./helpers/run-cli";

let emulator: AdminEmulator;
let file: string;
const KEYS = 12;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator({ rateLimit: { requests: 3, windowMs: 1000 } });
  file = join(mkdtempSync(join(tmpdir(), "or-admin-429-")), "state.yaml");
  writeFileSync(
    file,
    stringify({
      version: 1,
      keys: Array.from({ length: KEYS }, (_, i) => ({ name: `key-${i}`, limit: i })),
    }),
  );
});
checkAndResetEmulator(() => emulator);

describe("apply under the API's rate limit", () => {
  it("waits out 429s (Retry-After) with --concurrency 8 and finishes", async () => {
    const env = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY, OPENROUTER_BASE_URL: emulator.url };
    const run = await runCli(["apply", "-f", file, "--yes", "--concurrency", "8", "--json"], {
      env,
    });
    expect(run.stderr).not.toContain("or-admin:");
    expect(run.code).toBe(0);
    const limited = emulator.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const creates = emulator.requests.filter(
      (r) => r.operationId === "createKeys" && r.status === 201,
    );
    expect(creates).toHaveLength(KEYS);
    expect(new Set([...emulator.state.keys.values()].map((k) => k.name)).size).toBe(KEYS);
    expect(emulator.state.keys.size).toBe(KEYS);
  });
});
