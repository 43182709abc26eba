// Two applies of one state: a name taken since the plan is found right before the create (no
// duplicate); creates sent at the same moment are found afterwards and reported.
import type { AdminEmulator } from "@or/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { ApplyError, type Admin, type DesiredState } from "../src/index";
import { adminFor, checkAndResetEmulator, startEmulator } from "./helpers/emulator";

let emulator: AdminEmulator;
let admin: Admin;

beforeAll(async () => {
  emulator = await startEmulator();
  admin = adminFor(emulator);
});
checkAndResetEmulator(() => emulator);

const state: DesiredState = {
  version: 1,
  workspaces: [{ slug: "default" }, { slug: "ops", name: "Ops" }],
  guardrails: [{ name: "g", limit_usd: 1 }],
  keys: [{ name: "ci", workspace: "ops" }],
};
const named = (name: string) => [...emulator.state.keys.values()].filter((k) => k.name === name);

describe("two applies of one state", () => {
  it("one after the other from the same plan: the second creates nothing and says why", async () => {
    const first = await admin.plan(state);
    const second = await admin.plan(state);
    await admin.apply(first);
    const error = (await admin.apply(second).catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(error.message).toContain('workspace "ops" exists now (');
    expect(error.message).toContain("it was created since the plan (another apply running?)");
    expect(emulator.state.counts()).toMatchObject({ workspaces: 2, guardrails: 1, keys: 1 });
  });

  it("creates at the same moment: both succeed, and the duplicate is reported with what to delete", async () => {
    await admin.apply(await admin.plan(state));
    const keyOnly: DesiredState = { version: 1, keys: [{ name: "web" }] };
    const a = await admin.plan(keyOnly);
    const b = await admin.plan(keyOnly);
    emulator.reset();
    // a: request 0 reads names, request 1 creates; it waits there while b runs whole.
    const held = emulator.hold(1);
    const first = admin.apply(a);
    await held.arrived;
    const second = await admin.apply(b);
    held.release();
    const result = await first;
    expect(named("web")).toHaveLength(2);
    const [note] = result.notes;
    expect(note).toMatch(
      /^Attention: key "web" exists twice: ours \([0-9a-f]{64}\) and [0-9a-f]{64}/,
    );
    expect(note).toContain("or-admin keys delete <hash> --yes");
    expect(second.notes).toEqual([]);
  });
});
