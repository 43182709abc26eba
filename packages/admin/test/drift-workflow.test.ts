// examples/admin/drift-check.yml: its plan step, run as the workflow runs it (bash, with `npx`
// standing for the built or-admin), passes on a matching account and fails on drift.
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { adminFor, checkAndResetEmulator, MANAGEMENT_KEY, startEmulator } from "./helpers/emulator";
import { BIN, ensureBuilt } from "./helpers/run-cli";

const WORKFLOW = new URL("../../../examples/admin/drift-check.yml", import.meta.url);
const workflow = parse(readFileSync(WORKFLOW, "utf8")) as {
  on: { schedule: unknown[] };
  jobs: { drift: { steps: Array<{ name?: string; run?: string }> } };
};
const script = workflow.jobs.drift.steps.find((s) => s.name?.startsWith("Plan"))?.run ?? "";

let emulator: AdminEmulator;
let repo: string;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator();
  repo = mkdtempSync(join(tmpdir(), "or-admin-drift-"));
  mkdirSync(join(repo, "admin"));
  mkdirSync(join(repo, "bin"));
  writeFileSync(
    join(repo, "bin", "npx"),
    `#!/bin/sh\nwhile [ "$1" = "--no-install" ] || [ "$1" = "or-admin" ]; do shift; done\nexec "${process.execPath}" "${BIN}" "$@"\n`,
  );
  chmodSync(join(repo, "bin", "npx"), 0o755);
  writeFileSync(
    join(repo, "admin", "state.yaml"),
    stringify({ version: 1, guardrails: [{ name: "prod", limit_usd: 20 }] }),
  );
});
checkAndResetEmulator(() => emulator);

function runStep(): Promise<{ code: number; stdout: string; summary: string }> {
  const summary = join(repo, "summary.md");
  writeFileSync(summary, "");
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-e", "-c", script],
      {
        cwd: repo,
        env: {
          PATH: `${join(repo, "bin")}:${process.env.PATH ?? ""}`,
          OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY,
          OPENROUTER_BASE_URL: emulator.url,
          GITHUB_STEP_SUMMARY: summary,
        },
      },
      (error, stdout) =>
        resolve({
          code: error ? Number(error.code) : 0,
          stdout,
          summary: readFileSync(summary, "utf8"),
        }),
    );
  });
}

describe("the drift workflow", () => {
  it("runs on a schedule", () => {
    expect(workflow.on.schedule.length).toBeGreaterThan(0);
  });

  it("fails the job when the account drifted, and passes when it matches", async () => {
    const drifted = await runStep();
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain("::error::The OpenRouter account drifted");
    expect(drifted.summary).toContain('- create guardrail "prod": limit_usd');

    const admin = adminFor(emulator);
    await admin.apply(await admin.plan({ guardrails: [{ name: "prod", limit_usd: 20 }] }));
    const clean = await runStep();
    expect(clean.code).toBe(0);
    expect(clean.summary).toContain("No drift");
  });
});
