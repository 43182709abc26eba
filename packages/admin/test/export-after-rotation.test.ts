// A rotation leaves the old key disabled under the same name: export writes the enabled key, as
// plan treats the disabled one as a retired predecessor, and says which key it left out.
import { describe, expect, it } from "vitest";
import { exportState, type DesiredState } from "../src/index";
import { useEmulatorAdmin } from "./helpers/emulator";

const test = useEmulatorAdmin();

const state: DesiredState = {
  version: 1,
  keys: [{ name: "backend", limit: 10 }],
};

describe("export after a rotation", () => {
  it("writes the rotated key once, leaves its disabled predecessor out, and plans clean", async () => {
    const { admin, emulator } = test;
    await admin.apply(await admin.plan(state));
    const old = [...emulator.state.keys.values()].find((k) => k.name === "backend")!;
    await admin.keys.rotate(old.hash, { old: "disable" });

    const { state: exported, warnings } = await exportState(admin);
    expect(exported.keys).toEqual([expect.objectContaining({ name: "backend", limit: 10 })]);
    expect(warnings).toContainEqual(
      expect.stringContaining(`is a disabled predecessor of key "backend"`),
    );
    expect(warnings.join("\n")).toContain(`or-admin keys delete ${old.hash}`);
    const plan = await admin.plan(exported);
    expect(plan.steps).toEqual([]);
  });

  it("two enabled keys with one name are still left out and named", async () => {
    const { admin } = test;
    await admin.keys.create({ name: "twin" });
    await admin.keys.create({ name: "twin" });
    const { state: exported, warnings } = await exportState(admin);
    expect((exported.keys ?? []).some((k) => k.name === "twin")).toBe(false);
    expect(warnings).toContainEqual(expect.stringContaining(`2 keys are named "twin"`));
  });
});
