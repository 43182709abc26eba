// Two applies of one state: a name taken since the plan is found right before the create (no
// duplicate); creates sent at the same moment are found afterwards and reported.
import { describe, expect, it } from "vitest";
import { ApplyError, type DesiredState } from "../src/index";
import { useEmulatorAdmin } from "./helpers/emulator";

const t = useEmulatorAdmin();

const state: DesiredState = {
  version: 1,
  workspaces: [{ slug: "default" }, { slug: "ops", name: "Ops" }],
  guardrails: [{ name: "g", limit_usd: 1 }],
  keys: [{ name: "ci", workspace: "ops" }],
};
const named = (name: string) => [...t.emulator.state.keys.values()].filter((k) => k.name === name);

describe("two applies of one state", () => {
  it("one after the other from the same plan: the second creates nothing and says why", async () => {
    const first = await t.admin.plan(state);
    const second = await t.admin.plan(state);
    await t.admin.apply(first);
    const error = (await t.admin.apply(second).catch((e: unknown) => e)) as ApplyError;
    expect(error).toBeInstanceOf(ApplyError);
    expect(error.message).toContain('workspace "ops" exists now (');
    expect(error.message).toContain("it was created since the plan (another apply running?)");
    expect(t.emulator.state.counts()).toMatchObject({ workspaces: 2, guardrails: 1, keys: 1 });
  });

  it("creates at the same moment: both succeed, and the duplicate is reported with what to delete", async () => {
    await t.admin.apply(await t.admin.plan(state));
    const keyOnly: DesiredState = { version: 1, keys: [{ name: "web" }] };
    const a = await t.admin.plan(keyOnly);
    const b = await t.admin.plan(keyOnly);
    t.emulator.reset();
    // a: request 0 reads names, request 1 creates; it waits there while b runs whole.
    const held = t.emulator.hold(1);
    const first = t.admin.apply(a);
    await held.arrived;
    const second = await t.admin.apply(b);
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
