// After any rotation, plan works and shows no change for the rotated key; `or-admin keys delete`
// removes a key (asking first) by hash, or by name when the name is not ambiguous.
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPlan, type Admin, type DesiredState } from "../src/index";
import { adminFor, checkAndResetEmulator, MANAGEMENT_KEY, startEmulator } from "./helpers/emulator";
import { ensureBuilt, runCli } from "./helpers/run-cli";

let emulator: AdminEmulator;
let admin: Admin;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  emulator = await startEmulator();
  admin = adminFor(emulator);
  env = { OPENROUTER_MANAGEMENT_KEY: MANAGEMENT_KEY, OPENROUTER_BASE_URL: emulator.url };
});
checkAndResetEmulator(() => emulator);

const state: DesiredState = {
  version: 1,
  guardrails: [{ name: "prod", limit_usd: 5 }],
  keys: [{ name: "backend", limit: 10, guardrail: "prod" }],
};

async function applied() {
  await admin.apply(await admin.plan(state));
  return [...emulator.state.keys.values()].find((k) => k.name === "backend")!;
}

describe("plan after a rotation", () => {
  for (const old of ["disable", "delete"] as const) {
    it(`old key ${old}d: plan shows no changes for the rotated key`, async () => {
      const before = await applied();
      const rotated = await admin.keys.rotate(before.hash, { old });
      const plan = await admin.plan(state);
      expect(plan.steps).toEqual([]);
      expect(plan.retiredKeys).toEqual(
        old === "disable" ? [{ name: "backend", hash: before.hash }] : [],
      );
      expect(plan.refs.keys.backend).toBe(rotated.data.hash);
      expect(renderPlan(plan)).toContain("No changes");
    });
  }

  it("a second rotation by name picks the enabled key, and plan still has nothing to do", async () => {
    await applied();
    await admin.keys.rotate([...emulator.state.keys.values()][0]!.hash);
    const run = await runCli(["keys", "rotate", "backend"], { env });
    expect(run.code).toBe(0);
    expect([...emulator.state.keys.values()].filter((k) => !k.disabled)).toHaveLength(1);
    const again = await admin.plan(state);
    expect(again.steps).toEqual([]);
    expect(again.retiredKeys).toHaveLength(2);
  });

  it("two enabled keys of one name are still a problem plan names", async () => {
    await applied();
    await admin.keys.create({ name: "backend" });
    await expect(admin.plan(state)).rejects.toThrow(/2 keys in the account are named "backend"/);
  });
});

describe("or-admin keys delete", () => {
  it("asks first: 'n' deletes nothing; --yes deletes by hash", async () => {
    const key = await admin.keys.create({ name: "tmp" });
    const declined = await runCli(["keys", "delete", "tmp"], { env, stdin: "n\n" });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain(`Delete key "tmp" ${key.data.hash}`);
    expect(declined.stderr).toContain("Delete cancelled; nothing was changed.");
    expect(emulator.state.keys.has(key.data.hash)).toBe(true);
    const run = await runCli(["keys", "delete", key.data.hash, "--yes"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Deleted key "tmp" ${key.data.hash}`);
    expect(emulator.state.keys.has(key.data.hash)).toBe(false);
  });

  it("a name shared by several keys: refuses and lists their hashes", async () => {
    const old = await applied();
    await admin.keys.rotate(old.hash);
    const run = await runCli(["keys", "delete", "backend", "--yes"], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${old.hash} disabled`);
    expect(emulator.state.keys.size).toBe(2);
  });
});
