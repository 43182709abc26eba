// t.admin.observability and t.admin.scim: lists page through the API (offset/limit, total_count).
import { describe, expect, it } from "vitest";
import { operations, useEmulator } from "./helpers/emulator";

const t = useEmulator();

describe("settings resources", () => {
  it("pages through 130 destinations in two requests", async () => {
    for (let i = 0; i < 130; i++)
      await t.admin.observability.create({
        type: "webhook",
        name: `hook-${i}`,
        config: { url: `https://example.test/${i}` },
      });
    t.emulator.reset();
    const all = await t.admin.observability.list().toArray();
    expect(all.map((d) => d.name)).toEqual(Array.from({ length: 130 }, (_, i) => `hook-${i}`));
    expect(operations(t.emulator)).toEqual([
      "listObservabilityDestinations",
      "listObservabilityDestinations",
    ]);
  });

  it("pages through SCIM groups and mappings, and maps a group to a workspace", async () => {
    for (let i = 0; i < 105; i++) t.emulator.state.addScimGroup(`group-${i}`);
    const groups = await t.admin.scim.groups().toArray();
    expect(groups).toHaveLength(105);
    const mapping = await t.admin.scim.mappings.create({
      scim_group_id: groups[104]!.id,
      workspace_id: t.emulator.state.defaultWorkspaceId,
      role: "member",
    });
    expect((await t.admin.scim.mappings.update(mapping.id, { role: "admin" })).role).toBe("admin");
    expect(await t.admin.scim.mappings.list().toArray()).toMatchObject([{ role: "admin" }]);
    await t.admin.scim.mappings.delete(mapping.id, { keepMembers: true });
    expect(t.emulator.state.scimMappings.size).toBe(0);
  });
});
